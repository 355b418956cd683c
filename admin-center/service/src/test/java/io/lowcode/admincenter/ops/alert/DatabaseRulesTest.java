package io.lowcode.admincenter.ops.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lowcode.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/** The database rules against the real PostgreSQL: what they see in {@code ops_migrator.run} and execution records. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class DatabaseRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DatabaseRules.MigrationFailed migrationFailed;

    @Inject
    DatabaseRules.ExecutionFailures executionFailures;

    @Inject
    Pool pool;

    @Test
    void aFailedLatestMigratorRunFiresUntilALaterRunSucceedsAndNoMigratorTableSaysNothing() {
        assertThat(evaluate(migrationFailed)).as("no ops_migrator.run table").isEmpty();
        sql("CREATE SCHEMA ops_migrator");
        try {
            sql("""
                    CREATE TABLE ops_migrator.run (run_id BIGSERIAL PRIMARY KEY, command TEXT NOT NULL, from_release TEXT,
                        to_release TEXT, status TEXT NOT NULL, started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                        ended_at TIMESTAMPTZ, reason TEXT, host TEXT, pid BIGINT)""");
            sql("INSERT INTO ops_migrator.run (command, from_release, to_release, status, ended_at, reason)"
                    + " VALUES ('migrate', '2.1.0', '2.2.0', 'SUCCEEDED', now(), NULL)");
            assertThat(evaluate(migrationFailed)).isEmpty();
            sql("INSERT INTO ops_migrator.run (command, from_release, to_release, status, ended_at, reason)"
                    + " VALUES ('migrate', '2.1.0', '2.2.0', 'FAILED', now(), 'step 2.2.0/admin_center/schema-10: lock timeout')");
            List<Condition> failed = evaluate(migrationFailed);
            assertThat(failed).singleElement().satisfies(c -> {
                assertThat(c.target()).isEqualTo("ops-migrator");
                assertThat(c.evidence()).containsEntry("toRelease", "2.2.0").containsEntry("reason", "step 2.2.0/admin_center/schema-10: lock timeout");
            });
            sql("INSERT INTO ops_migrator.run (command, from_release, to_release, status, ended_at)"
                    + " VALUES ('migrate', '2.1.0', '2.2.0', 'SUCCEEDED', now())");
            assertThat(evaluate(migrationFailed)).isEmpty();
        } finally {
            sql("DROP SCHEMA ops_migrator CASCADE");
        }
    }

    @Test
    void aDeployedVersionWhoseFinishedExecutionsMostlyFailedFiresAndOlderOrOtherVersionsDoNot() {
        String unit = "fu-rule-" + UUID.randomUUID().toString().substring(0, 8);
        sql("INSERT INTO function_unit (function_unit_id, name, owner_id, category, status, latest_version, deployed_version,"
                + " created_at, updated_at) VALUES ('" + unit + "', 'Flaky', 'dev', 'test', 'DEPLOYED', '2.0.0', '2.0.0',"
                + " now(), now())");
        try {
            judgeFailures(unit);
        } finally {
            // the row is half a deployment (no deployment record): leave nothing for other tests of this application
            sql("DELETE FROM execution_record WHERE function_unit_id = '" + unit + "'");
            sql("DELETE FROM function_unit WHERE function_unit_id = '" + unit + "'");
        }
    }

    private void judgeFailures(String unit) {
        // 10 finished executions of the deployed version in the window: 5 failed is not more than half
        for (int i = 0; i < 10; i++) {
            execution(unit, "2.0.0", i < 5 ? "FAILED" : "COMPLETED", "now()");
        }
        // failures of another version, and failures older than the window, do not count
        for (int i = 0; i < 5; i++) {
            execution(unit, "1.0.0", "FAILED", "now()");
            execution(unit, "2.0.0", "FAILED", "now() - interval '1 hour'");
        }
        assertThat(evaluate(executionFailures)).noneMatch(c -> c.target().equals(unit));
        execution(unit, "2.0.0", "FAILED", "now()");
        assertThat(evaluate(executionFailures)).filteredOn(c -> c.target().equals(unit)).singleElement()
                .satisfies(c -> assertThat(c.evidence()).containsEntry("finished", "11").containsEntry("failed", "6")
                        .containsEntry("version", "2.0.0"));
    }

    private void execution(String unit, String version, String status, String finishedAt) {
        pool.preparedQuery("INSERT INTO execution_record (execution_id, function_unit_id, version, status, started_at,"
                        + " finished_at, duration_ms) VALUES ($1, $2, $3, $4, " + finishedAt + " - interval '1 second', "
                        + finishedAt + ", 1000)")
                .execute(Tuple.of(UUID.randomUUID(), unit, version, status)).await().atMost(WAIT);
    }

    private List<Condition> evaluate(AlertRule rule) {
        return rule.evaluate().await().atMost(WAIT);
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(WAIT);
    }
}
