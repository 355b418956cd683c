package io.lowcode.migrator;

import static io.lowcode.migrator.SampleData.count;
import static io.lowcode.migrator.SampleData.exec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.PostgresServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * The release history against a real PostgreSQL, one fresh database per test, each command launched as ops
 * would run it.
 */
@QuarkusMainTest
class MigratorLifecycleTest {

    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static LocalStack stack;
    private String database;

    @BeforeAll
    static void startPostgres() {
        stack = LocalStack.start(LocalStack.Settings.ephemeral(0));
    }

    @AfterAll
    static void stopPostgres() {
        System.clearProperty(JDBC_URL);
        stack.close();
    }

    @AfterEach
    void forgetDatabase() {
        System.clearProperty(JDBC_URL);
    }

    private void useNewDatabase(String name) throws SQLException {
        database = name;
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        System.setProperty(JDBC_URL, url());
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:" + stack.postgres().port() + "/" + database;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static LaunchResult ok(QuarkusMainLauncher launcher, String... args) {
        LaunchResult r = launcher.launch(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.getOutput() + "\n" + r.getErrorOutput()).isZero();
        return r;
    }

    @Test
    void upgradeFromOneZeroToLatestValidatesAndRollbackRestoresEveryTableExactly(QuarkusMainLauncher launcher,
            @TempDir Path reports) throws Exception {
        useNewDatabase("lifecycle");
        ok(launcher, "migrate", "--target", "1.0.0");
        Map<String, String> at100;
        Map<String, String> at110;
        try (Connection c = connect()) {
            SampleData.fill100(c, 300);
            at100 = SampleData.checksums(c);
        }
        ok(launcher, "migrate", "--target", "1.1.0");
        try (Connection c = connect()) {
            SampleData.fill110(c, 500, 40_000);
            exec(c, "ANALYZE");
            exec(c, "CREATE TABLE public.expected AS SELECT id, permission FROM admin_center.user_permission");
            at110 = SampleData.checksums(c);
        }

        LaunchResult plan = ok(launcher, "plan");
        assertThat(plan.getOutput())
                .contains("release 1.2.0: declared fully compatible, computed fully compatible")
                .contains("release 2.0.0: declared breaking, computed breaking")
                .containsPattern("2.0.0/admin_center/split-permissions\\s+DATA .* risk low\\s+~<1s")
                .contains("breaking: DROP")
                .contains("lint V6__user_permission_drop_permission_string.sql: set-not-null on user_permission: scans the"
                        + " whole table under an ACCESS EXCLUSIVE lock",
                        "lint V6__user_permission_drop_permission_string.sql: unique-builds-index on user_permission");
        LaunchResult sql = ok(launcher, "plan", "--sql");
        assertThat(sql.getOutput()).contains("DROP COLUMN permission", "regexp_match(permission",
                "CREATE TABLE ops_migrator_backup_r<run>.admin_center__user_permission AS TABLE admin_center.user_permission");
        try (Connection c = connect()) {
            assertThat(count(c, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'ops_migrator_backup%'")).isZero();
        }

        Path metrics = reports.resolve("ops-migrator.prom");
        LaunchResult migrate = ok(launcher, "migrate", "--batch-size", "3000", "--metrics-file", metrics.toString());
        assertThat(Files.readString(metrics)).contains("# TYPE ops_migrator_step_rows_done gauge",
                "ops_migrator_step_rows_done{step=\"2.0.0/admin_center/split-permissions\"} 40000",
                "ops_migrator_step_progress_ratio{step=\"2.0.0/admin_center/split-permissions\"} 1.0000",
                "ops_migrator_step_status{step=\"2.0.0/admin_center/schema-6\",status=\"SUCCEEDED\"} 1",
                "status=\"SUCCEEDED\"} 1");
        assertThat(migrate.getOutput()).contains("release 1.2.0 validated", "release 2.0.0 validated",
                "release 2.1.0 validated", "release 2.2.0 validated", "release 2.3.0 validated", "the platform is at 2.3.0");
        try (Connection c = connect()) {
            assertThat(count(c, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'admin_center'"
                    + " AND table_name = 'user_permission' AND column_name = 'permission'")).isZero();
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission")).isEqualTo(40_000);
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission p JOIN public.expected e USING (id)"
                    + " WHERE p.resource_type || ':' || p.resource_id || ':' || p.action = e.permission")).isEqualTo(40_000);
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission WHERE resource_id LIKE 'urn:x:%'"))
                    .isPositive();
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.backup WHERE source_table = 'admin_center.user_permission'"
                    + " AND row_count = 40000")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.platform_config WHERE environment = 'prod'"
                    + " AND key = 'access.permission-format' AND value = 'structured'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.step_run WHERE step_id = '2.0.0/admin_center/split-permissions'"
                    + " AND status = 'SUCCEEDED' AND rows_done = 40000 AND rows_per_second > 0")).isEqualTo(1);
        }
        LaunchResult validate = ok(launcher, "validate");
        assertThat(validate.getOutput()).contains("PASS rule: every direct grant is structured: 0 violating row(s)",
                "PASS integrity admin_center.user_permission → admin_center.user_account", "valid");
        LaunchResult status = ok(launcher, "status");
        assertThat(status.getOutput()).contains("platform release: 2.3.0, target: 2.3.0", "pending steps: 0")
                .containsPattern("admin_center\\s+14\\s+14\\s+0");
        ok(launcher, "report", "--output", reports.toString());
        assertThat(Files.readString(reports.resolve("ops-migrator-report.json"))).contains("\"platformRelease\": \"2.3.0\"",
                "\"valid\": true", "\"step_id\": \"2.0.0/admin_center/split-permissions\"");
        assertThat(Files.readString(reports.resolve("ops-migrator-report.md"))).contains("| PASS | rule: every direct grant is structured");
        assertThat(Files.readString(reports.resolve("ops-migrator-report.html"))).contains("<h1>ops-migrator report</h1>",
                "<tr><td>PASS</td><td>rule: every direct grant is structured</td>", "<th>step_id</th>");

        LaunchResult back = ok(launcher, "rollback", "--to", "1.1.0");
        assertThat(back.getOutput()).contains("release 2.3.0 rolled back and verified",
                "release 2.2.0 rolled back and verified", "release 2.1.0 rolled back and verified",
                "release 2.0.0 rolled back and verified", "release 1.2.0 rolled back and verified");
        try (Connection c = connect()) {
            assertThat(SampleData.checksums(c)).isEqualTo(at110);
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.platform_config")).isZero();
        }

        LaunchResult refused = launcher.launch("rollback", "--to", "1.0.0");
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.getErrorOutput()).contains("--allow-data-loss", "admin_center.user_permission=40000");
        ok(launcher, "rollback", "--to", "1.0.0", "--allow-data-loss");
        try (Connection c = connect()) {
            assertThat(SampleData.checksums(c)).isEqualTo(at100);
            assertThat(count(c, "SELECT max(version::int) FROM admin_center.flyway_schema_history")).isEqualTo(3);
        }
        assertThat(ok(launcher, "status").getOutput()).contains("platform release: 1.0.0");
    }

    @Test
    void aFailingDataStepRollsItsReleaseBackAndTheHistoryShowsWhy(QuarkusMainLauncher launcher) throws Exception {
        useNewDatabase("failing");
        ok(launcher, "migrate", "--target", "1.2.0");
        Map<String, String> before;
        try (Connection c = connect()) {
            SampleData.fill100(c, 20);
            SampleData.fill110(c, 50, 6_000);
            exec(c, "UPDATE admin_center.user_permission SET permission = 'legacy-admin' WHERE id = 4500");
            before = SampleData.checksums(c);
        }
        LaunchResult failed = launcher.launch("migrate", "--batch-size", "1000");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.getOutput()).contains("user_permission id 4500: permission 'legacy-admin'",
                "release 2.0.0 rolled back");
        try (Connection c = connect()) {
            assertThat(SampleData.checksums(c)).isEqualTo(before);
            assertThat(count(c, "SELECT max(version::int) FROM admin_center.flyway_schema_history")).isEqualTo(4);
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.step_run WHERE step_id = '2.0.0/admin_center/split-permissions'"
                    + " AND direction = 'UP' AND status = 'FAILED' AND reason LIKE '%id 4500%legacy-admin%'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.step_run WHERE step_id = '2.0.0/admin_center/schema-5'"
                    + " AND direction = 'DOWN' AND status = 'SUCCEEDED'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.run WHERE command = 'migrate' AND status = 'ROLLED_BACK'"
                    + " AND reason LIKE '%split-permissions failed%'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.checkpoint")).isZero();
        }
        assertThat(ok(launcher, "status").getOutput()).contains("platform release: 1.2.0");
    }

    @Test
    void aRollbackAfterTheReleaseWasUsedPutsEveryGrantBackInItsOldFormAndReportsTheApplicationsWritesAsInformation(
            QuarkusMainLauncher launcher) throws Exception {
        useNewDatabase("used");
        ok(launcher, "migrate", "--target", "1.2.0");
        Map<String, String> before;
        try (Connection c = connect()) {
            SampleData.fill100(c, 10);
            SampleData.fill110(c, 40, 3_000);
            before = SampleData.checksums(c);
        }
        ok(launcher, "migrate");
        try (Connection c = connect()) {
            // the 2.x application at work after the release: a grant changed, one revoked, one made
            exec(c, "UPDATE admin_center.user_permission SET action = 'admin' WHERE id = 7");
            exec(c, "DELETE FROM admin_center.user_permission WHERE id = 8");
            exec(c, "INSERT INTO admin_center.user_permission (user_id, granted_at, granted_by, resource_type, resource_id,"
                    + " action) VALUES (md5('u1')::uuid, now(), 'admin', 'report', 'sales:2025', 'read')");
        }
        LaunchResult back = ok(launcher, "rollback", "--to", "1.2.0");
        assertThat(back.getOutput())
                .containsPattern("transformed 2.0.0/admin_center/split-permissions \\(way back\\): 3,000 row\\(s\\) of the copy"
                        + " \\S+: 3,000 in the new form, 0 lost, 0 wrong")
                .contains("3 row(s) differ from the backup", "all written by the application since",
                        "release 2.0.0 rolled back and verified");
        try (Connection c = connect()) {
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission WHERE id = 7"
                    + " AND permission LIKE '%:admin'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission WHERE id = 8")).isZero();
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission"
                    + " WHERE permission = 'report:sales:2025:read'")).isEqualTo(1);
            Map<String, String> now = SampleData.checksums(c);
            before.keySet().stream().filter(k -> !k.equals("admin_center.user_permission"))
                    .forEach(k -> assertThat(now.get(k)).as(k).isEqualTo(before.get(k)));
            assertThat(count(c, "SELECT count(*) FROM pg_trigger WHERE tgname = 'ops_migrator_changes'"))
                    .as("the change log ends with the release's way back").isZero();
        }

        Map<String, String> beforeSecond;
        try (Connection c = connect()) {
            beforeSecond = SampleData.checksums(c);
        }
        ok(launcher, "migrate");
        try (Connection c = connect()) {
            exec(c, "UPDATE admin_center.user_permission SET action = 'deploy' WHERE id = 9");
        }
        LaunchResult restored = ok(launcher, "rollback", "--to", "1.2.0", "--restore-backup");
        assertThat(restored.getOutput()).containsPattern("restored admin_center.user_permission from"
                + " ops_migrator_backup_r\\d+.admin_center__user_permission: 3,000 rows replaced by 3,000");
        try (Connection c = connect()) {
            assertThat(SampleData.checksums(c)).as("the writes made since are gone, by choice").isEqualTo(beforeSecond);
        }

        ok(launcher, "migrate");
        try (Connection c = connect()) {
            // a change no application made and the change log did not see, as a wrong down script would leave it
            exec(c, "SET " + "ops_migrator.own_write = 'on'");
            exec(c, "UPDATE admin_center.user_permission SET granted_by = 'nobody' WHERE id = 11");
        }
        LaunchResult unverified = launcher.launch("rollback", "--to", "1.2.0");
        assertThat(unverified.exitCode()).isEqualTo(1);
        assertThat(unverified.getErrorOutput()).contains("verification failed: backup admin_center.user_permission:"
                + " 1 row(s) differ from the backup", "although nobody wrote them since (keys 11)");
        try (Connection c = connect()) {
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.run WHERE command = 'rollback' AND status = 'FAILED'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aSchemaStepThatCannotGetItsLockGivesUpInsteadOfBlockingTheTable(QuarkusMainLauncher launcher) throws Exception {
        useNewDatabase("hotlock");
        ok(launcher, "migrate", "--target", "1.2.0");
        try (Connection reader = connect(); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.execute("LOCK TABLE admin_center.user_permission IN ACCESS SHARE MODE"); // a long transaction reading it
            LaunchResult blocked = launcher.launch("migrate");
            assertThat(blocked.exitCode()).isEqualTo(1);
            assertThat(blocked.getOutput()).contains("2.0.0/admin_center/schema-5 FAILED", "lock timeout",
                    "release 2.0.0 rolled back");
            reader.rollback();
        }
        try (Connection c = connect()) {
            assertThat(count(c, "SELECT max(version::int) FROM admin_center.flyway_schema_history")).isEqualTo(4);
        }
        ok(launcher, "migrate");
    }

    @Test
    void aServiceIsNotReadyBelowItsRequiredSchemaVersionAndReadyAfterTheMigration(QuarkusMainLauncher launcher)
            throws Exception {
        useNewDatabase("readiness");
        try (Connection c = connect()) {
            // the version admin-center's lowcode.service.required-schema-version names
            assertThat(ServiceReadiness.check(c, "admin_center", "14")).startsWith("DOWN").contains("not migrated");
        }
        ok(launcher, "migrate", "--target", "1.1.0");
        try (Connection c = connect()) {
            assertThat(ServiceReadiness.check(c, "admin_center", "14"))
                    .isEqualTo("DOWN schema admin_center is at 4, this service needs 14: run the migrator");
        }
        ok(launcher, "migrate");
        try (Connection c = connect()) {
            assertThat(ServiceReadiness.check(c, "admin_center", "14")).isEqualTo("UP 14");
        }
    }

    @Test
    void aSecondMigratorExitsWithTheLockedCodeWhileTheFirstHoldsTheLock(QuarkusMainLauncher launcher) throws Exception {
        useNewDatabase("locked");
        try (Connection first = connect(); Statement s = first.createStatement()) {
            s.execute("SET application_name = 'ops-migrator migrate pid 4242@other-host'");
            s.execute("SELECT pg_advisory_lock(" + 0x6F70736D6967L + ")");
            LaunchResult second = launcher.launch("migrate");
            assertThat(second.exitCode()).isEqualTo(4);
            assertThat(second.getErrorOutput()).contains("another ops-migrator is running (ops-migrator migrate pid 4242@other-host");
            try (Connection c = connect()) {
                assertThat(count(c, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('admin_center', 'ops_migrator')")).isZero();
            }
        }
        ok(launcher, "migrate", "--target", "1.0.0");
        assertThat(ok(launcher, "pause").getOutput()).contains("no migrator is running: nothing to pause");
    }

    @Test
    void verifyRollbackAppliesRollsBackAndReappliesTheBreakingReleaseOnAScratchCopy(QuarkusMainLauncher launcher)
            throws Exception {
        useNewDatabase("verify");
        ok(launcher, "migrate", "--target", "1.2.0");
        try (Connection c = connect()) {
            SampleData.fill100(c, 20);
            SampleData.fill110(c, 30, 2_000);
        }
        LaunchResult verify = ok(launcher, "verify-rollback", "--release", "2.0.0");
        assertThat(verify.getOutput()).contains("verify-rollback 2.0.0: PASS");
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'verify_verify_%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("scratch database dropped").isZero();
            assertThat(count(c, "SELECT max(version::int) FROM admin_center.flyway_schema_history")).as("platform untouched")
                    .isEqualTo(4);
        }
    }

    @Test
    void checkReportsEachPreflightCheckWithItsOutcome(QuarkusMainLauncher launcher) throws Exception {
        useNewDatabase("preflight");
        ok(launcher, "migrate", "--target", "1.1.0");
        LaunchResult check = ok(launcher, "check");
        assertThat(check.getOutput()).containsPattern("PASS versions\\s+platform at 1.1.0, 17 step\\(s\\) pending to 2.3.0")
                .containsPattern("PASS connection headroom")
                .containsPattern("PASS other migrator")
                .containsPattern("WARN kafka\\s+KAFKA_BOOTSTRAP_SERVERS not set")
                .contains("0 FAIL");
    }

    @Test
    void checkWarnsAboutRunningWorkflowExecutions(QuarkusMainLauncher launcher) throws Exception {
        useNewDatabase("executions");
        ok(launcher, "migrate");
        assertThat(ok(launcher, "check").getOutput()).containsPattern("PASS running executions\\s+none running");
        try (Connection c = connect()) {
            exec(c, "INSERT INTO portal.execution (id, function_unit_id, version, user_id, status, input, steps,"
                    + " started_at, heartbeat_at) VALUES (gen_random_uuid(), gen_random_uuid(), '1.0.0', 'u-1', 'RUNNING',"
                    + " '{}', '{\"steps\": []}', now(), now())");
        }
        assertThat(ok(launcher, "check").getOutput())
                .containsPattern("WARN running executions\\s+1 workflow execution\\(s\\) running");
    }
}
