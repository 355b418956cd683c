package io.lowcode.admincenter.ops.alert;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Rules over the database: {@code migration-failed} and {@code execution-failures}. */
public final class DatabaseRules {

    private DatabaseRules() {
    }

    /**
     * {@code migration-failed}: the migrator's latest run ({@code ops_migrator.run}) ended FAILED. The table may not
     * exist (no migrator ran against this database) or not be readable by the admin center's role: then there is
     * nothing to say, not an error.
     */
    @Singleton
    public static class MigrationFailed extends NamedRule<AlertsConfig.Rule> {

        static final String NAME = "migration-failed";
        private final Pool pool;

        public MigrationFailed(Pool pool, AlertsConfig config) {
            super(NAME, config.migrationFailed());
            this.pool = pool;
        }

        @Override
        public Uni<List<Condition>> evaluate() {
            return pool.query("SELECT to_regclass('ops_migrator.run') IS NOT NULL "
                            + "AND has_table_privilege(to_regclass('ops_migrator.run'), 'SELECT')").execute()
                    .flatMap(exists -> !exists.iterator().next().getBoolean(0) ? Uni.createFrom().item(List.<Condition>of())
                            : pool.query("SELECT run_id, command, from_release, to_release, status, started_at, ended_at, "
                                    + "reason, host FROM ops_migrator.run ORDER BY run_id DESC LIMIT 1").execute()
                                    .map(rows -> {
                                        List<Condition> firing = new ArrayList<>();
                                        for (Row r : rows) {
                                            if ("FAILED".equals(r.getString("status"))) {
                                                firing.add(condition(r));
                                            }
                                        }
                                        return firing;
                                    }));
        }

        private Condition condition(Row r) {
            return new Condition(NAME, "ops-migrator", config.severity(), "migrator run " + r.getLong("run_id") + " ("
                    + r.getString("command") + " to " + r.getString("to_release") + ") FAILED", new Evidence()
                    .put("runId", r.getLong("run_id")).put("command", r.getString("command"))
                    .put("fromRelease", r.getString("from_release")).put("toRelease", r.getString("to_release"))
                    .put("startedAt", r.getOffsetDateTime("started_at")).put("endedAt", r.getOffsetDateTime("ended_at"))
                    .put("reason", r.getString("reason")).put("host", r.getString("host")).map());
        }
    }

    /**
     * {@code execution-failures}: among the executions of a function unit's deployed version that finished within
     * {@code window}, at least {@code min-executions} and more than {@code ratio} failed.
     */
    @Singleton
    public static class ExecutionFailures extends NamedRule<AlertsConfig.ExecutionFailures> {

        static final String NAME = "execution-failures";
        private final Pool pool;
        private final AlertThresholds thresholds;

        public ExecutionFailures(Pool pool, AlertsConfig config, AlertThresholds thresholds) {
            super(NAME, config.executionFailures());
            this.pool = pool;
            this.thresholds = thresholds;
        }

        @Override
        public Uni<List<Condition>> evaluate() {
            return pool.preparedQuery("""
                    SELECT f.function_unit_id, f.name, f.deployed_version,
                           count(*) AS finished, count(*) FILTER (WHERE r.status = 'FAILED') AS failed
                    FROM function_unit f JOIN execution_record r
                      ON r.function_unit_id = f.function_unit_id AND r.version = f.deployed_version
                    WHERE f.deployed_version IS NOT NULL AND r.status <> 'RUNNING'
                      AND r.finished_at >= now() - make_interval(secs => $1)
                    GROUP BY f.function_unit_id, f.name, f.deployed_version""")
                    .execute(Tuple.of(config.window().toMillis() / 1000.0))
                    .map(rows -> {
                        List<Condition> firing = new ArrayList<>();
                        double threshold = thresholds.executionFailuresRatio();
                        for (Row r : rows) {
                            long finished = r.getLong("finished");
                            long failed = r.getLong("failed");
                            double ratio = finished == 0 ? 0 : (double) failed / finished;
                            if (finished >= config.minExecutions() && ratio > threshold) {
                                String unit = r.getString("function_unit_id");
                                firing.add(new Condition(NAME, unit, config.severity(), String.format(
                                        "%d of %d executions of %s %s failed within %d min", failed, finished,
                                        r.getString("name"), r.getString("deployed_version"), config.window().toMinutes()),
                                        new Evidence().put("functionUnitId", unit).put("name", r.getString("name"))
                                                .put("version", r.getString("deployed_version")).put("finished", finished)
                                                .put("failed", failed).put("ratio", ratio).put("threshold", threshold)
                                                .put("window", config.window()).map()));
                            }
                        }
                        return firing;
                    });
        }
    }
}
