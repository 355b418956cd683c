package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.output.MigrateResult;

import io.lowcode.migrator.release.ConfigStep;
import io.lowcode.migrator.release.DataStep;
import io.lowcode.migrator.release.Release;
import io.lowcode.migrator.release.SchemaStep;
import io.lowcode.migrator.release.ScriptSource.Script;
import io.lowcode.migrator.release.Step;

/** Applies one step, or runs its way back. */
final class StepExecutor {

    static final String UP = "UP";
    static final String DOWN = "DOWN";

    private final Db db;
    private final EngineState state;
    private final Progress progress;
    private final BatchRunner runner;

    StepExecutor(Db db, EngineState state, Progress progress, ResourceWatch watch) {
        this.db = db;
        this.state = state;
        this.progress = progress;
        this.runner = new BatchRunner(db.dataSource(), state, progress, watch);
    }

    boolean isApplied(Step step, java.util.Set<String> appliedSteps) {
        if (step instanceof SchemaStep s) {
            return db.version(s.schema()) >= s.toVersion();
        }
        return appliedSteps.contains(step.id());
    }

    /** Whether any part of the step is there (a schema step half applied counts). */
    boolean isPartlyApplied(Step step, java.util.Set<String> appliedSteps) {
        if (step instanceof SchemaStep s) {
            return db.version(s.schema()) > s.fromVersion();
        }
        if (step instanceof DataStep) {
            return appliedSteps.contains(step.id()) || state.checkpoint(step.id(), UP).isPresent();
        }
        return appliedSteps.contains(step.id());
    }

    BatchRunner.Outcome apply(Release release, Step step, long runId, long stepRunId, BatchRunner.Options options)
            throws Exception {
        if (step instanceof SchemaStep s) {
            MigrateResult result = db.flyway(s.schema(), s.toVersion()).migrate();
            progress.say("%s: %s %s -> %d (%d script%s)", step.id(), s.schema(),
                    result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion, s.toVersion(),
                    result.migrationsExecuted, result.migrationsExecuted == 1 ? "" : "s");
            return BatchRunner.Outcome.COMPLETED;
        }
        if (step instanceof DataStep d) {
            BatchRunner.Outcome outcome = runner.run(runId, stepRunId, step.id(), UP, d.forward(), options);
            if (!outcome.paused()) {
                long remaining = state.queryLong(d.forward().remainingSql());
                if (remaining > 0) {
                    throw new MigratorException(step.id() + ": " + remaining + " row(s) still unmigrated after the last batch",
                            ExitCodes.FAILED);
                }
                state.markApplied(step.id(), release.version(), runId);
            }
            return outcome;
        }
        ConfigStep cs = (ConfigStep) step;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            int changed = 0;
            for (Map.Entry<String, Map<String, String>> env : cs.values().entrySet()) {
                for (Map.Entry<String, String> kv : env.getValue().entrySet()) {
                    try (PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO ops_migrator.config_backup (step_id, environment, key, previous_value)
                            VALUES (?, ?, ?, (SELECT value FROM ops_migrator.platform_config WHERE environment = ? AND key = ?))
                            ON CONFLICT DO NOTHING""")) {
                        ps.setString(1, step.id());
                        ps.setString(2, env.getKey());
                        ps.setString(3, kv.getKey());
                        ps.setString(4, env.getKey());
                        ps.setString(5, kv.getKey());
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO ops_migrator.platform_config (environment, key, value, step_id) VALUES (?, ?, ?, ?)
                            ON CONFLICT (environment, key) DO UPDATE SET value = excluded.value, step_id = excluded.step_id,
                                updated_at = clock_timestamp()""")) {
                        ps.setString(1, env.getKey());
                        ps.setString(2, kv.getKey());
                        ps.setString(3, kv.getValue());
                        ps.setString(4, step.id());
                        changed += ps.executeUpdate();
                    }
                }
            }
            state.markApplied(c, step.id(), release.version(), runId);
            c.commit();
            progress.say("%s: %d parameter(s) set for %s", step.id(), changed, String.join(", ", cs.values().keySet()));
        }
        return BatchRunner.Outcome.COMPLETED;
    }

    /** The way back of a step (also of a step that failed half-way). */
    void revert(Release release, Step step, long runId, long stepRunId, BatchRunner.Options options) throws Exception {
        if (step instanceof SchemaStep s) {
            int current = db.version(s.schema());
            for (int v = Math.min(current, s.toVersion()); v > s.fromVersion(); v--) {
                final int version = v;
                Script down = db.downScript(release.version(), s.schema(), v).orElseThrow(() -> new MigratorException(
                        step.id() + ": no down script for " + s.schema() + " version " + version, ExitCodes.FAILED));
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    c.setAutoCommit(false);
                    st.execute("SET LOCAL search_path TO " + s.schema());
                    st.execute("SET LOCAL lock_timeout = '10s'");
                    st.execute("SET LOCAL " + ChangeLog.OWN_WRITE + " = 'on'");
                    st.execute(down.sql());
                    try (PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM " + s.schema() + ".flyway_schema_history WHERE version = ?")) {
                        ps.setString(1, Integer.toString(v));
                        ps.executeUpdate();
                    }
                    c.commit();
                }
                progress.say("%s: %s %d -> %d (%s)", step.id(), s.schema(), v, v - 1, down.name());
            }
            return;
        }
        if (step instanceof DataStep d) {
            runner.run(runId, stepRunId, step.id(), DOWN, d.backward(), options.withoutPause());
            long remaining = state.queryLong(d.backward().remainingSql());
            if (remaining > 0) {
                throw new MigratorException(step.id() + ": " + remaining + " row(s) not restored by the way back",
                        ExitCodes.FAILED);
            }
            state.unmarkApplied(step.id());
            return;
        }
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            List<String[]> previous = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT environment, key, previous_value FROM ops_migrator.config_backup WHERE step_id = ?")) {
                ps.setString(1, step.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        previous.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
                    }
                }
            }
            for (String[] p : previous) {
                try (PreparedStatement ps = c.prepareStatement(p[2] == null
                        ? "DELETE FROM ops_migrator.platform_config WHERE environment = ? AND key = ?"
                        : "UPDATE ops_migrator.platform_config SET value = ?, updated_at = clock_timestamp()"
                                + " WHERE environment = ? AND key = ?")) {
                    int i = 1;
                    if (p[2] != null) {
                        ps.setString(i++, p[2]);
                    }
                    ps.setString(i++, p[0]);
                    ps.setString(i, p[1]);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ops_migrator.config_backup WHERE step_id = ?")) {
                ps.setString(1, step.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ops_migrator.applied_step WHERE step_id = ?")) {
                ps.setString(1, step.id());
                ps.executeUpdate();
            }
            c.commit();
            progress.say("%s: %d parameter(s) restored", step.id(), previous.size());
        }
    }
}
