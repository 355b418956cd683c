package io.lowcode.migrator.release;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the compatibility class of a PostgreSQL script from its statements (a tokenizer, not a full
 * parser): comments, string literals and dollar-quoted bodies are blanked, the script is split on
 * {@code ;}, and each statement (each action of an {@code ALTER TABLE}) is matched against known shapes.
 * Anything it does not recognise counts as breaking, so a human looks at it.
 */
public final class ScriptClassifier {

    /** Why a statement has the class it has. */
    public enum Kind {
        NO_DDL(Compatibility.FULLY_COMPATIBLE),
        ADDITIVE(Compatibility.BACKWARD_COMPATIBLE),
        RELAXING(Compatibility.BACKWARD_COMPATIBLE),
        DROP(Compatibility.BREAKING),
        RENAME(Compatibility.BREAKING),
        TYPE_CHANGE(Compatibility.BREAKING),
        NOT_NULL_WITHOUT_DEFAULT(Compatibility.BREAKING),
        NEW_CONSTRAINT_ON_EXISTING_TABLE(Compatibility.BREAKING),
        DROP_DEFAULT(Compatibility.BREAKING),
        DATA_LOSS(Compatibility.BREAKING),
        UNRECOGNISED(Compatibility.BREAKING);

        public final Compatibility compatibility;

        Kind(Compatibility compatibility) {
            this.compatibility = compatibility;
        }
    }

    public record Finding(Kind kind, String statement) {
    }

    public record Classification(Compatibility compatibility, List<Finding> findings) {

        public List<Finding> breaking() {
            return findings.stream().filter(f -> f.kind().compatibility == Compatibility.BREAKING).toList();
        }
    }

    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?([\\w.\"]+)");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE (UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?(?:[\\w\"]+ )?ON (?:ONLY )?([\\w.\"]+)");
    private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?([\\w.\"]+) (.*)$");
    private static final Pattern DML = Pattern.compile("^(?:WITH .*)?(INSERT|UPDATE|SELECT|DELETE|TRUNCATE|MERGE)\\b.*");

    private ScriptClassifier() {
    }

    public static Classification classify(String script) {
        List<Finding> findings = new ArrayList<>();
        Set<String> createdHere = new HashSet<>();
        for (String statement : statements(script)) {
            classifyStatement(statement, createdHere, findings);
        }
        Compatibility result = Compatibility.FULLY_COMPATIBLE;
        for (Finding f : findings) {
            result = result.max(f.kind().compatibility);
        }
        return new Classification(result, List.copyOf(findings));
    }

    private static void classifyStatement(String s, Set<String> createdHere, List<Finding> out) {
        Matcher m;
        if ((m = CREATE_TABLE.matcher(s)).find()) {
            createdHere.add(table(m.group(1)));
            out.add(new Finding(Kind.ADDITIVE, s));
        } else if ((m = CREATE_INDEX.matcher(s)).find()) {
            boolean unique = m.group(1) != null;
            out.add(new Finding(unique && !createdHere.contains(table(m.group(2)))
                    ? Kind.NEW_CONSTRAINT_ON_EXISTING_TABLE : Kind.ADDITIVE, s));
        } else if (s.matches("^CREATE (?:OR REPLACE )?(?:SCHEMA|SEQUENCE|VIEW|(?:CONSTRAINT )?TRIGGER|FUNCTION|PROCEDURE|TYPE|EXTENSION)\\b.*")) {
            out.add(new Finding(Kind.ADDITIVE, s));
        } else if (s.matches("^COMMENT ON\\b.*")) {
            out.add(new Finding(Kind.NO_DDL, s));
        } else if (s.matches("^DROP (?:INDEX|TRIGGER|FUNCTION|PROCEDURE)\\b.*")) {
            out.add(new Finding(Kind.RELAXING, s));
        } else if (s.matches("^DROP (?:TABLE|VIEW|MATERIALIZED VIEW|SCHEMA|SEQUENCE|TYPE)\\b.*")) {
            out.add(new Finding(Kind.DROP, s));
        } else if (s.matches("^ALTER (?:TABLE|INDEX|SEQUENCE|VIEW|SCHEMA) .* RENAME .*")) {
            out.add(new Finding(Kind.RENAME, s));
        } else if ((m = ALTER_TABLE.matcher(s)).find()) {
            String table = table(m.group(1));
            for (String action : topLevelSplit(m.group(2))) {
                out.add(new Finding(alterAction(action.trim(), createdHere.contains(table)), s));
            }
        } else if ((m = DML.matcher(s)).matches()) {
            String verb = m.group(1);
            out.add(new Finding(verb.equals("DELETE") || verb.equals("TRUNCATE") ? Kind.DATA_LOSS : Kind.NO_DDL, s));
        } else if (s.matches("^(?:SET|RESET|DO|ANALYZE|VACUUM|GRANT)\\b.*")) {
            // DO blocks are opaque; the migrator's own down scripts use them only around guarded DDL.
            out.add(new Finding(s.startsWith("DO") ? Kind.UNRECOGNISED : Kind.NO_DDL, s));
        } else {
            out.add(new Finding(Kind.UNRECOGNISED, s));
        }
    }

    private static Kind alterAction(String a, boolean tableIsNew) {
        if (a.startsWith("ADD ") && !a.startsWith("ADD CONSTRAINT") && !a.matches("^ADD (?:PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY|EXCLUDE)\\b.*")) {
            boolean notNull = a.contains(" NOT NULL");
            boolean hasDefault = a.contains(" DEFAULT ") || a.matches(".*\\b(?:BIG)?SERIAL\\b.*")
                    || a.contains(" GENERATED ");
            return notNull && !hasDefault && !tableIsNew ? Kind.NOT_NULL_WITHOUT_DEFAULT : Kind.ADDITIVE;
        }
        if (a.startsWith("ADD ")) {
            return tableIsNew ? Kind.ADDITIVE : Kind.NEW_CONSTRAINT_ON_EXISTING_TABLE;
        }
        if (a.matches("^DROP (?:COLUMN )?(?:IF EXISTS )?[\\w\"]+(?: CASCADE| RESTRICT)?$") && !a.startsWith("DROP CONSTRAINT")) {
            return Kind.DROP;
        }
        if (a.startsWith("DROP CONSTRAINT")) {
            return Kind.RELAXING;
        }
        if (a.startsWith("RENAME")) {
            return Kind.RENAME;
        }
        if (a.startsWith("ALTER ")) {
            if (a.matches(".* (?:SET DATA )?TYPE .*")) {
                return Kind.TYPE_CHANGE;
            }
            if (a.endsWith(" SET NOT NULL")) {
                return tableIsNew ? Kind.ADDITIVE : Kind.NOT_NULL_WITHOUT_DEFAULT;
            }
            if (a.endsWith(" DROP NOT NULL")) {
                return Kind.RELAXING;
            }
            if (a.contains(" SET DEFAULT ") || a.matches(".* SET (?:STATISTICS|STORAGE)\\b.*")) {
                return Kind.ADDITIVE;
            }
            if (a.endsWith(" DROP DEFAULT")) {
                return Kind.DROP_DEFAULT;
            }
        }
        if (a.matches("^SET \\(.*\\)$") || a.startsWith("RESET (") || a.matches("^(?:ENABLE|DISABLE) TRIGGER\\b.*")) {
            return Kind.NO_DDL;
        }
        return Kind.UNRECOGNISED;
    }

    /** The script's statements: upper-cased, whitespace collapsed, comments/literals/dollar bodies blanked. */
    static List<String> statements(String script) {
        StringBuilder clean = new StringBuilder(script.length());
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                clean.append(' ');
            } else if (c == '\'') {
                i++;
                while (i < n) {
                    if (script.charAt(i) == '\'' && i + 1 < n && script.charAt(i + 1) == '\'') {
                        i += 2;
                    } else if (script.charAt(i) == '\'') {
                        break;
                    } else {
                        i++;
                    }
                }
                i++;
                clean.append("''");
            } else if (c == '$') {
                Matcher tag = Pattern.compile("\\$[A-Za-z_]*\\$").matcher(script).region(i, n);
                if (tag.lookingAt()) {
                    int end = script.indexOf(tag.group(), tag.end());
                    i = end < 0 ? n : end + tag.group().length();
                    clean.append("$$");
                } else {
                    clean.append(c);
                    i++;
                }
            } else {
                clean.append(c);
                i++;
            }
        }
        List<String> result = new ArrayList<>();
        for (String raw : clean.toString().split(";")) {
            String s = raw.replaceAll("\\s+", " ").trim().toUpperCase(Locale.ROOT);
            if (!s.isEmpty()) {
                result.add(s);
            }
        }
        return result;
    }

    /** Splits on commas outside parentheses (the actions of one ALTER TABLE). */
    static List<String> topLevelSplit(String actions) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < actions.length(); i++) {
            char c = actions.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(actions.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(actions.substring(start));
        return parts;
    }

    private static String table(String name) {
        String t = name.replace("\"", "");
        int dot = t.lastIndexOf('.');
        return dot < 0 ? t : t.substring(dot + 1);
    }
}
