package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.lowcode.migrator.release.DataStep;
import io.lowcode.migrator.release.Release;
import io.lowcode.migrator.release.SchemaStep;
import io.lowcode.migrator.release.Step;
import io.lowcode.migrator.validate.Checksums;
import io.lowcode.migrator.validate.Transformations;
import io.lowcode.migrator.validate.Validator;
import io.lowcode.migrator.validate.Validator.Check;

/**
 * What a release changed, checked while the application keeps writing: after the release, every row its data
 * steps were to transform is transformed (against the copy taken before it); after its way back, the schema is as
 * before, every row is back in its old form (against the copy taken before the way back), rows nobody wrote since
 * equal the backup, and no foreign key has orphans.
 */
final class ReleaseChecks {

    private final Db db;
    private final EngineState state;
    private final Progress progress;

    ReleaseChecks(Db db, EngineState state, Progress progress) {
        this.db = db;
        this.state = state;
        this.progress = progress;
    }

    /** After the release's steps: each data step's rows transformed, none lost, none left. */
    List<Check> afterRelease(Connection c, Release release) throws SQLException {
        List<Check> checks = new ArrayList<>();
        List<EngineState.BackupInfo> backups = state.backupsBefore(release.version());
        for (Step step : release.steps()) {
            if (step instanceof DataStep d) {
                Optional<EngineState.BackupInfo> copy = backups.stream()
                        .filter(b -> b.source().equals(d.forward().qualifiedTable())).findFirst();
                if (copy.isPresent()) {
                    checks.add(Transformations.transformed(c, d.id(), d.forward(), copy.get()));
                }
                checks.add(Transformations.noneLeft(c, d.id(), d.forward()));
            }
        }
        return checks;
    }

    /** Before the release's way back: a copy of each table the way back of its (partly) applied data steps transforms. */
    Map<String, EngineState.BackupInfo> beforeRollback(Release release, long runId, Predicate<Step> partlyApplied)
            throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        for (Step step : release.steps()) {
            if (step instanceof DataStep d && partlyApplied.test(step)) {
                tables.add(d.backward().qualifiedTable());
            }
        }
        return Backup.take(db, state, progress, runId, release.version(), Backup.ROLLBACK, tables);
    }

    /**
     * After the release's way back.
     *
     * @param copies what {@link #beforeRollback} took
     * @return the failed checks (passed ones are printed as information)
     */
    List<String> afterRollback(Release release, Map<String, EngineState.BackupInfo> copies) throws SQLException {
        List<Check> checks = new ArrayList<>();
        try (Connection c = db.connect()) {
            for (String schema : touchedSchemas(release)) {
                String before = state.snapshotBefore(release.version(), schema).orElse(null);
                String now = Checksums.schema(c, schema);
                checks.add(new Check("schema " + schema, before == null || before.equals(now), before == null
                        ? "no snapshot from before " + release.version() + ": not compared"
                        : before.equals(now) ? "as before " + release.version() : "differs from before " + release.version()));
            }
            for (Step step : release.steps()) {
                if (step instanceof DataStep d && copies.containsKey(d.backward().qualifiedTable())) {
                    checks.add(Transformations.transformed(c, d.id() + " (way back)", d.backward(),
                            copies.get(d.backward().qualifiedTable())));
                }
            }
            for (EngineState.BackupInfo b : state.backupsBefore(release.version())) {
                checks.add(Transformations.sameAsBackup(c, b));
            }
            Validator.orphans(c).stream().filter(ch -> !ch.passed()).forEach(checks::add);
        }
        List<String> problems = new ArrayList<>();
        for (Check check : checks) {
            if (check.passed()) {
                progress.say("  %s: %s", check.name(), check.detail());
            } else {
                problems.add(check.name() + ": " + check.detail());
            }
        }
        return problems;
    }

    /** The release is rolled back and verified: its copies from before the way back and its change logs go. */
    void rolledBack(Release release, Map<String, EngineState.BackupInfo> copies) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (EngineState.BackupInfo copy : copies.values()) {
                s.execute("DROP TABLE IF EXISTS " + copy.backup());
                state.deleteBackup(copy.runId(), copy.source(), Backup.ROLLBACK);
            }
            for (String table : release.backupTables()) {
                try {
                    ChangeLog.forget(c, table);
                } catch (SQLException e) {
                    // harmless to keep: it only marks more rows as written by the application next time
                    progress.say("the change log of %s stays (%s); the next migrate reuses it, or drop it by hand:"
                            + " DROP TRIGGER %s ON %s", table, Engine.reason(e), ChangeLog.TRIGGER, table);
                }
            }
        }
    }

    static Set<String> touchedSchemas(Release release) {
        Set<String> schemas = new LinkedHashSet<>();
        for (Step s : release.steps()) {
            if (s instanceof SchemaStep || s instanceof DataStep) {
                schemas.add(s.schema());
            }
        }
        return schemas;
    }
}
