package io.lowcode.migrator.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lowcode.migrator.engine.Db;
import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorException;
import io.lowcode.migrator.release.Compatibility;
import io.lowcode.migrator.release.ConfigStep;
import io.lowcode.migrator.release.DataStep;
import io.lowcode.migrator.release.Release;
import io.lowcode.migrator.release.ReleaseVerifier;
import io.lowcode.migrator.release.SchemaStep;
import io.lowcode.migrator.release.ScriptClassifier;
import io.lowcode.migrator.release.ScriptLinter;
import io.lowcode.migrator.release.ScriptSource.Script;
import io.lowcode.migrator.release.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plan}: the ordered pending steps with their dependencies, compatibility class (computed from the
 * scripts and compared with the release's declaration), risk and an estimated duration from the real table
 * sizes; {@code --sql} prints what a run would execute. Read-only.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Lists the pending steps up to a release, in order, with dependencies, compatibility class,"
                + " risk, estimated duration from the real table sizes and lint warnings (locks and table rewrites of"
                + " tables in use). Exit 5 if a release's computed class differs"
                + " from the declared one, or a breaking release has a step without a way back." })
public class PlanCommand implements Callable<Integer> {

    /** Measured by `benchmark` (PostgreSQL 15, 2 cores): rows per second of the batched permission split. */
    static final double DATA_ROWS_PER_SECOND = 50_000;
    /** Rows per second PostgreSQL scans or indexes for SET NOT NULL / ADD CONSTRAINT on one table (rough). */
    static final double SCAN_ROWS_PER_SECOND = 1_000_000;
    static final double COPY_BYTES_PER_SECOND = 100e6;

    private static final Pattern ALTER = Pattern.compile("(?i)ALTER TABLE (?:IF EXISTS )?(?:ONLY )?([\\w.\"]+)");

    @Option(names = "--target", paramLabel = "VERSION", description = "release to plan for (default: the newest bundled)")
    String target;

    @Option(names = "--sql", description = "print the exact DDL/DML a run would execute (a free dry run)")
    boolean sql;

    private final Cli cli;

    public PlanCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            Engine engine = cli.engine(null);
            Db db = engine.db();
            Release goal = engine.resolve(target);
            engine.checkVersionsKnown();
            List<Map.Entry<Release, Step>> pending = engine.pending(goal.version());
            System.out.printf("plan: %s -> %s, %d pending step(s)%n", engine.platformRelease(), goal.version(), pending.size());
            ReleaseVerifier verifier = new ReleaseVerifier(db, cli.catalog().releases().get(0).version());
            Set<Release> releases = new LinkedHashSet<>();
            pending.forEach(e -> releases.add(e.getKey()));
            boolean valid = true;
            double totalSeconds = 0;
            try (Connection c = db.connect()) {
                for (Release release : releases) {
                    ReleaseVerifier.Verdict verdict = verifier.verify(release);
                    System.out.printf("%nrelease %s: declared %s, computed %s%s%n  %s%n", release.version(),
                            release.declared().label(), verdict.computed().label(), verdict.valid() ? "" : "  ** REFUSED **",
                            release.summary());
                    verdict.problems().forEach(p -> System.out.println("  FAIL " + p));
                    verdict.warnings().forEach(w -> System.out.println("  WARN " + w));
                    valid &= verdict.valid();
                    for (String table : release.backupTables()) {
                        double seconds = tableBytes(c, table) / COPY_BYTES_PER_SECOND;
                        totalSeconds += seconds;
                        System.out.printf("  %-44s %-6s %-20s risk %-6s ~%s%n", "backup " + table, "BACKUP", "-", "low",
                                duration(seconds));
                        if (sql) {
                            System.out.printf("      CREATE SCHEMA IF NOT EXISTS ops_migrator_backup_r<run>;%n"
                                    + "      CREATE TABLE ops_migrator_backup_r<run>.%s AS TABLE %s;%n",
                                    table.replace(".", "__"), table);
                        }
                    }
                    for (ReleaseVerifier.StepVerdict sv : verdict.steps()) {
                        Step step = sv.step();
                        if (pending.stream().noneMatch(e -> e.getValue().id().equals(step.id()))) {
                            continue;
                        }
                        double seconds = estimate(c, db, step, sv);
                        totalSeconds += seconds;
                        System.out.printf("  %-44s %-6s %-20s risk %-6s ~%s%s%n", step.id(), step.kind(),
                                sv.computed().label(), risk(sv.computed(), c, step), duration(seconds),
                                step.dependsOn().isEmpty() ? "" : "  after " + String.join(", ", step.dependsOn()));
                        System.out.printf("      %s%n", step.description());
                        sv.breaking().forEach(f -> System.out.printf("      breaking: %s %s%n", f.kind(),
                                f.statement().length() > 100 ? f.statement().substring(0, 97) + "..." : f.statement()));
                        printLint(db, step);
                        if (sql) {
                            printSql(db, step);
                        }
                    }
                    System.out.printf("  %-44s %-6s %-20s risk %-6s ~%s%n", "validate " + release.version(), "CHECK", "-",
                            "low", duration(0.5));
                }
            }
            System.out.printf("%nestimated total: ~%s%n", duration(totalSeconds));
            if (!valid) {
                throw new MigratorException("the plan is refused (see FAIL above)", ExitCodes.REFUSED);
            }
            return ExitCodes.OK;
        });
    }

    private double estimate(Connection c, Db db, Step step, ReleaseVerifier.StepVerdict sv) throws SQLException {
        if (step instanceof DataStep d) {
            return rows(c, d.forward().qualifiedTable()) / DATA_ROWS_PER_SECOND;
        }
        if (step instanceof SchemaStep s) {
            double seconds = 0.05;
            for (Script script : db.upScripts(s.schema(), s.fromVersion(), s.toVersion())) {
                boolean scans = ScriptClassifier.classify(script.sql()).findings().stream().anyMatch(f ->
                        f.kind() == ScriptClassifier.Kind.NOT_NULL_WITHOUT_DEFAULT
                                || f.kind() == ScriptClassifier.Kind.NEW_CONSTRAINT_ON_EXISTING_TABLE);
                if (scans) {
                    for (String table : alteredTables(script.sql(), s.schema())) {
                        seconds += rows(c, table) / SCAN_ROWS_PER_SECOND;
                    }
                }
            }
            return seconds;
        }
        return 0.01;
    }

    private String risk(Compatibility compatibility, Connection c, Step step) throws SQLException {
        if (compatibility == Compatibility.BREAKING) {
            return "high";
        }
        if (step instanceof DataStep d && rows(c, d.forward().qualifiedTable()) > 1_000_000) {
            return "medium";
        }
        return "low";
    }

    /** Locks and rewrites of a schema step's scripts on tables in use (warnings, never a refusal). */
    private static void printLint(Db db, Step step) {
        if (step instanceof SchemaStep s) {
            for (Script script : db.upScripts(s.schema(), s.fromVersion(), s.toVersion())) {
                for (ScriptLinter.Finding f : ScriptLinter.lint(script.sql())) {
                    System.out.printf("      lint %s: %s%n", script.name(), f.message());
                }
            }
        }
    }

    private void printSql(Db db, Step step) {
        if (step instanceof SchemaStep s) {
            for (Script script : db.upScripts(s.schema(), s.fromVersion(), s.toVersion())) {
                System.out.printf("      -- %s, search_path %s, one transaction (Flyway)%n", script.name(), s.schema());
                script.sql().lines().filter(l -> !l.isBlank()).forEach(l -> System.out.println("      " + l));
            }
        } else if (step instanceof DataStep d) {
            System.out.printf("      -- per batch, one transaction: SET LOCAL lock_timeout, statement_timeout;%n"
                    + "      SELECT %2$s FROM %1$s WHERE %2$s > :last ORDER BY %2$s OFFSET :batch-1 LIMIT 1;  -- :upper%n",
                    d.forward().qualifiedTable(), d.forward().key());
            d.forward().batchSql().replace("?", ":bound").lines().forEach(l -> System.out.println("      " + l));
            System.out.println("      INSERT INTO ops_migrator.checkpoint ... ON CONFLICT DO UPDATE SET last_key = :upper; COMMIT;");
        } else if (step instanceof ConfigStep cs) {
            cs.values().forEach((env, kv) -> kv.forEach((k, v) -> System.out.printf(
                    "      INSERT INTO ops_migrator.platform_config (environment, key, value) VALUES ('%s', '%s', '%s')"
                            + " ON CONFLICT DO UPDATE;%n", env, k, v)));
        }
    }

    static Set<String> alteredTables(String sql, String schema) {
        Set<String> tables = new LinkedHashSet<>();
        Matcher m = ALTER.matcher(sql);
        while (m.find()) {
            String t = m.group(1).replace("\"", "");
            tables.add(t.contains(".") ? t : schema + "." + t);
        }
        return tables;
    }

    static long rows(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT CASE WHEN to_regclass(?) IS NULL THEN 0 ELSE greatest((SELECT reltuples::bigint FROM pg_class"
                        + " WHERE oid = to_regclass(?)), 0) END")) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long estimate = rs.getLong(1);
                if (estimate > 0) {
                    return estimate;
                }
            }
        }
        // never analysed: count (small tables) rather than guess
        try (PreparedStatement ps = c.prepareStatement("SELECT CASE WHEN to_regclass(?) IS NULL THEN 0 END")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getObject(1) != null) {
                    return 0;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long tableBytes(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(pg_total_relation_size(to_regclass(?)), 0)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String duration(double seconds) {
        if (seconds < 1) {
            return "<1s";
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0fs", seconds);
        }
        return String.format(Locale.ROOT, "%.0fmin", seconds / 60);
    }
}
