package io.lowcode.migrator.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints a PostgreSQL migration script for what its compatibility class does not tell: how long it locks a table
 * the application uses, and whether it rewrites it. Works on {@link ScriptClassifier}'s statements (comments and
 * literals blanked, upper-cased); tables created in the same script are exempt (nobody uses them yet). Each
 * finding names the rule, the table, what happens and what to write instead. The rules follow what PostgreSQL
 * 15 does (and what {@code squawk} checks): a lint is a warning for a human, never a refusal.
 */
public final class ScriptLinter {

    /** What a statement does to a table in use. */
    public enum Rule {
        INDEX_WITHOUT_CONCURRENTLY("blocks writes to the table while the index builds",
                "CREATE INDEX CONCURRENTLY, in a script of its own (Flyway: executeInTransaction=false)"),
        VOLATILE_DEFAULT("rewrites the table under an ACCESS EXCLUSIVE lock (a volatile default is computed per row)",
                "add the column without a default, set the default afterwards and fill existing rows in a batched data step"),
        SET_NOT_NULL("scans the whole table under an ACCESS EXCLUSIVE lock",
                "ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE),"
                        + " then SET NOT NULL uses it without a scan"),
        CONSTRAINT_WITHOUT_NOT_VALID("scans the table (a foreign key: both tables) while holding a lock that blocks writes",
                "ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a later statement"),
        UNIQUE_BUILDS_INDEX("builds an index under an ACCESS EXCLUSIVE lock",
                "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX"),
        TYPE_CHANGE_REWRITE("rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (unless binary coercible,"
                + " e.g. varchar(n) → text)", "add a new column, fill it in a batched data step, switch the code, drop the old"),
        TABLE_REWRITE("rewrites the whole table under an ACCESS EXCLUSIVE lock", "avoid in a release; pg_repack, or a"
                + " maintenance window"),
        EXPLICIT_LOCK("takes an explicit table lock for the rest of the script's transaction",
                "remove it: each statement takes the lock it needs, for as short as possible"),
        UNBATCHED_DML("locks every row it changes until the script commits",
                "a batched data step (DataStep): short transactions, resumable, with progress");

        public final String risk;
        public final String advice;

        Rule(String risk, String advice) {
            this.risk = risk;
            this.advice = advice;
        }

        public String id() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public record Finding(Rule rule, String table, String statement) {

        public String message() {
            return rule.id() + " on " + table + ": " + rule.risk + "; instead: " + rule.advice;
        }
    }

    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?([\\w.\"]+)");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:[\\w\"]+ )?ON (?:ONLY )?([\\w.\"]+)");
    private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?([\\w.\"]+) (.*)$");
    private static final Pattern ADD_COLUMN = Pattern.compile("^ADD (?:COLUMN )?(?:IF NOT EXISTS )?[\\w\"]+ (.*)$");
    private static final Pattern VOLATILE = Pattern.compile(
            "\\bDEFAULT .*\\b(?:RANDOM|GEN_RANDOM_UUID|UUID_GENERATE_V[14]|CLOCK_TIMESTAMP|TIMEOFDAY|NEXTVAL|TXID_CURRENT)\\s*\\("
                    + "|\\b(?:SMALL|BIG)?SERIAL\\b|\\bGENERATED .*\\bSTORED\\b|\\bGENERATED .*\\bAS IDENTITY\\b");
    private static final Pattern NOT_NULL_CHECK = Pattern.compile(
            "^ADD CONSTRAINT ([\\w\"]+) CHECK \\(\\s*\\(?\\s*\"?(\\w+)\"? IS NOT NULL\\s*\\)?\\s*\\)( NOT VALID)?$");
    private static final Pattern SET_NOT_NULL = Pattern.compile("^ALTER (?:COLUMN )?\"?(\\w+)\"? SET NOT NULL$");
    private static final Pattern VALIDATE = Pattern.compile("^VALIDATE CONSTRAINT \"?(\\w+)\"?$");
    private static final Pattern DML = Pattern.compile("^(?:WITH .*)?(?:UPDATE (?:ONLY )?([\\w.\"]+)|DELETE FROM (?:ONLY )?([\\w.\"]+))\\b.*");

    private ScriptLinter() {
    }

    public static List<Finding> lint(String script) {
        List<Finding> findings = new ArrayList<>();
        Set<String> createdHere = new HashSet<>();
        Map<String, String> pendingNotNullChecks = new HashMap<>();
        Set<String> validatedNotNull = new HashSet<>();
        for (String s : ScriptClassifier.statements(script)) {
            Matcher m;
            if ((m = CREATE_TABLE.matcher(s)).find()) {
                createdHere.add(table(m.group(1)));
            } else if ((m = CREATE_INDEX.matcher(s)).find()) {
                if (m.group(1) == null && !createdHere.contains(table(m.group(2)))) {
                    findings.add(new Finding(Rule.INDEX_WITHOUT_CONCURRENTLY, table(m.group(2)), s));
                }
            } else if ((m = ALTER_TABLE.matcher(s)).find()) {
                String table = table(m.group(1));
                if (createdHere.contains(table)) {
                    continue;
                }
                for (String raw : ScriptClassifier.topLevelSplit(m.group(2))) {
                    alterAction(raw.trim(), table, s, pendingNotNullChecks, validatedNotNull, findings);
                }
            } else if (s.matches("^(?:VACUUM (?:\\(.*FULL.*\\)|FULL)|CLUSTER)\\b.*")) {
                findings.add(new Finding(Rule.TABLE_REWRITE, lastWord(s), s));
            } else if (s.matches("^REFRESH MATERIALIZED VIEW (?!CONCURRENTLY).*")) {
                findings.add(new Finding(Rule.TABLE_REWRITE, lastWord(s), s));
            } else if (s.startsWith("LOCK ")) {
                findings.add(new Finding(Rule.EXPLICIT_LOCK, s.replaceFirst("^LOCK (?:TABLE )?(?:ONLY )?([\\w.\"]+).*", "$1")
                        .toLowerCase(), s));
            } else if ((m = DML.matcher(s)).matches()) {
                String table = table(m.group(1) != null ? m.group(1) : m.group(2));
                if (!createdHere.contains(table)) {
                    findings.add(new Finding(Rule.UNBATCHED_DML, table, s));
                }
            }
        }
        return findings;
    }

    private static void alterAction(String a, String table, String statement, Map<String, String> pendingNotNullChecks,
            Set<String> validatedNotNull, List<Finding> out) {
        Matcher m;
        if ((m = ADD_COLUMN.matcher(a)).matches() && !a.matches("^ADD (?:CONSTRAINT|PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY|EXCLUDE)\\b.*")) {
            if (VOLATILE.matcher(" " + m.group(1)).find()) {
                out.add(new Finding(Rule.VOLATILE_DEFAULT, table, statement));
            }
        } else if ((m = NOT_NULL_CHECK.matcher(a)).matches()) {
            if (m.group(3) == null) {
                out.add(new Finding(Rule.CONSTRAINT_WITHOUT_NOT_VALID, table, statement));
                validatedNotNull.add(table + "." + m.group(2));
            } else {
                pendingNotNullChecks.put(m.group(1).replace("\"", ""), table + "." + m.group(2));
            }
        } else if (a.matches("^ADD (?:CONSTRAINT [\\w\"]+ )?(?:UNIQUE|PRIMARY KEY)\\b.*") && !a.contains(" USING INDEX ")) {
            out.add(new Finding(Rule.UNIQUE_BUILDS_INDEX, table, statement));
        } else if (a.matches("^ADD (?:CONSTRAINT [\\w\"]+ )?(?:CHECK|FOREIGN KEY)\\b.*") && !a.endsWith(" NOT VALID")) {
            out.add(new Finding(Rule.CONSTRAINT_WITHOUT_NOT_VALID, table, statement));
        } else if ((m = VALIDATE.matcher(a)).matches()) {
            String column = pendingNotNullChecks.remove(m.group(1));
            if (column != null) {
                validatedNotNull.add(column);
            }
        } else if ((m = SET_NOT_NULL.matcher(a)).matches()) {
            if (!validatedNotNull.contains(table + "." + m.group(1))) {
                out.add(new Finding(Rule.SET_NOT_NULL, table, statement));
            }
        } else if (a.matches("^ALTER (?:COLUMN )?[\\w\"]+ (?:SET DATA )?TYPE .*")) {
            out.add(new Finding(Rule.TYPE_CHANGE_REWRITE, table, statement));
        } else if (a.matches("^SET (?:TABLESPACE|LOGGED|UNLOGGED|WITHOUT OIDS)\\b.*")) {
            out.add(new Finding(Rule.TABLE_REWRITE, table, statement));
        }
    }

    private static String table(String name) {
        String t = name.replace("\"", "").toLowerCase();
        int dot = t.lastIndexOf('.');
        return dot < 0 ? t : t.substring(dot + 1);
    }

    private static String lastWord(String s) {
        String[] words = s.split(" ");
        return table(words[words.length - 1]);
    }
}
