package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.localstack.PostgresServer;
import io.restassured.http.ContentType;

/**
 * Release 2.0.0 (direct grants become structured) migrated and rolled back on the shared platform's database while
 * users and grants keep being written the whole time ({@link GrantWriter}: over JDBC, in the form of the admin
 * center release that serves at that moment, because the packaged admin center needs schema 8 and cannot serve in
 * between). Before, grants are made through the API and 60,000 more exist, so the data steps run many batches
 * while the writer writes. As the runbook says, admin-center and portal are stopped for the rollback (their code
 * needs the 2.2.0 schema) and started again once the platform is back at 2.2.0.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationUnderTrafficIT {

    private static final int SEEDED = 60_000;
    /** Small batches at a bounded rate: the data steps take seconds and many batches, the writer writes between them. */
    private static final String[] BATCHES = { "--batch-size", "1000", "--max-rate", "15000" };
    private static RunningPlatform platform;
    private static GrantWriter writer;

    @BeforeAll
    static void usedPlatformWithManyGrants() throws SQLException {
        platform = RunningPlatform.shared();
        for (int i = 0; i < 3; i++) { // grants made through the API after 2.0.0, as in the issue
            RunningPlatform.User user = platform.newUser("traffic-api-" + i, List.of(Roles.USER));
            for (String permission : List.of("function-unit:*:execute", "report:q" + i + "-2025:read")) {
                platform.asAdmin(platform.adminCenter()).contentType(ContentType.JSON).body(Map.of("permission", permission))
                        .post("/api/v1/users/" + user.id() + "/permissions").then().statusCode(201);
            }
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO admin_center.user_account (user_id, username, email, password_hash, status, created_at,
                        created_by, updated_at)
                    SELECT md5('traffic' || g)::uuid, 'traffic-' || g, 'traffic-' || g || '@example.com', 'x', 'ACTIVE',
                        now(), 'e2e', now() FROM generate_series(1, 600) g""");
            s.execute("""
                    INSERT INTO admin_center.user_permission (user_id, granted_at, granted_by, resource_type, resource_id,
                        action)
                    SELECT md5('traffic' || (g %% 600 + 1))::uuid, now(), 'e2e', (ARRAY['function-unit', 'workflow'])[g %% 2 + 1],
                        CASE WHEN g %% 7 = 0 THEN 'urn:seed:' || g ELSE 'seed-' || g END, 'run'
                    FROM generate_series(1, %d) g""".formatted(SEEDED));
            s.execute("DROP TABLE IF EXISTS " + GrantWriter.EXPECTED);
            s.execute("CREATE TABLE " + GrantWriter.EXPECTED + " AS SELECT user_id, resource_type, resource_id, action"
                    + " FROM admin_center.user_permission");
            s.execute("ANALYZE");
        }
        platform.platform().stop("admin-center");
        platform.platform().stop("portal");
        writer = new GrantWriter(jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @AfterAll
    static void backAtTheLatestReleaseWithTheServicesRunning() throws Exception {
        if (writer != null) {
            writer.close();
        }
        try {
            MigratorCli.run(platform.platform(), "migrate").expect(0);
        } finally {
            platform.platform().restart("admin-center");
            platform.platform().restart("portal");
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + GrantWriter.EXPECTED);
            }
        }
        RunningPlatform.User after = platform.newUser("traffic-after", List.of(Roles.USER));
        platform.asAdmin(platform.adminCenter()).contentType(ContentType.JSON).body(Map.of("permission", "report:x:read"))
                .post("/api/v1/users/" + after.id() + "/permissions").then().statusCode(201);
    }

    @Test
    @Order(1)
    void aRollbackOfTheUsedPlatformWhileGrantsAreWrittenExitsZeroWithEveryGrantInItsOldForm() throws Exception {
        writer.start();
        awaitWrites();
        long oldBefore = writer.oldForm();
        long newBefore = writer.newForm();
        long transitionBefore = writer.duringTransition();
        MigratorCli.Result rollback = MigratorCli.run(platform.platform(), with(BATCHES, "rollback", "--to", "1.2.0",
                "--allow-data-loss")).expect(0);
        assertThat(writer.duringTransition()).as("users written during the way back's data step").isGreaterThan(transitionBefore);
        awaitWrites();
        writer.close();
        report("rollback 2.2.0 -> 1.2.0");

        assertThat(rollback.output()).contains("release 2.1.0 rolled back and verified", "release 2.0.0 rolled back and verified",
                        "all written by the application since")
                .containsPattern("transformed 2.0.0/admin_center/split-permissions \\(way back\\): [\\d,]+ row\\(s\\) of the copy"
                        + " \\S+: [\\d,]+ in the new form, 0 lost, 0 wrong");
        assertThat(writer.newForm()).as("the 2.x application wrote during the way back").isGreaterThan(newBefore);
        assertThat(writer.oldForm()).as("the 1.x application wrote after it").isGreaterThan(oldBefore);
        assertEveryGrantIn("permission = e.resource_type || ':' || e.resource_id || ':' || e.action");
        assertThat(MigratorCli.run(platform.platform(), "status").expect(0).output()).contains("platform release: 1.2.0");
    }

    @Test
    @Order(2)
    void aMigrationAcrossTwoZeroWhileGrantsAreWrittenValidatesWithEveryGrantInItsNewForm() throws Exception {
        writer.start();
        awaitWrites();
        long oldBefore = writer.oldForm();
        long transitionBefore = writer.duringTransition();
        MigratorCli.Result migrate = MigratorCli.run(platform.platform(), with(BATCHES, "migrate", "--target", "2.0.0"))
                .expect(0);
        assertThat(writer.duringTransition()).as("users written during the data step").isGreaterThan(transitionBefore);
        long newBefore = writer.newForm();
        awaitWrites();
        report("migrate 1.2.0 -> 2.0.0");

        assertThat(migrate.output()).contains("database backup before 2.0.0", "release 2.0.0 validated")
                .containsPattern("transformed 2.0.0/admin_center/split-permissions: [\\d,]+ row\\(s\\) of the copy \\S+:"
                        + " [\\d,]+ in the new form, 0 lost, 0 wrong");
        assertThat(writer.oldForm()).as("the 1.x application wrote during the migration").isGreaterThan(oldBefore);
        assertThat(writer.newForm()).as("the 2.x application writes after it").isGreaterThan(newBefore);
        assertEveryGrantIn("resource_type = e.resource_type AND p.resource_id = e.resource_id AND p.action = e.action");
    }

    @Test
    @Order(3)
    void thenARollbackWithTheWriterStillRunningExitsZeroWithEveryGrantInItsOldForm() throws Exception {
        long newBefore = writer.newForm();
        long transitionBefore = writer.duringTransition();
        MigratorCli.Result rollback = MigratorCli.run(platform.platform(), with(BATCHES, "rollback", "--to", "1.2.0"))
                .expect(0);
        assertThat(writer.duringTransition()).as("users written during the way back's data step").isGreaterThan(transitionBefore);
        long oldBefore = writer.oldForm();
        awaitWrites();
        writer.close();
        report("rollback 2.0.0 -> 1.2.0");

        assertThat(rollback.output()).contains("release 2.0.0 rolled back and verified", "all written by the application since")
                .containsPattern("transformed 2.0.0/admin_center/split-permissions \\(way back\\): [\\d,]+ row\\(s\\) of the copy"
                        + " \\S+: [\\d,]+ in the new form, 0 lost, 0 wrong");
        assertThat(writer.newForm()).as("the 2.x application wrote during the way back").isGreaterThan(newBefore);
        assertThat(writer.oldForm()).as("the 1.x application wrote after it").isGreaterThan(oldBefore);
        assertEveryGrantIn("permission = e.resource_type || ':' || e.resource_id || ':' || e.action");
    }

    /** Every committed grant is there, once, in the form {@code match} (over {@code p}, the row, and {@code e}, the grant). */
    private static void assertEveryGrantIn(String match) throws SQLException {
        try (Connection c = connect()) {
            // one snapshot for every count: the writer may still be writing
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long expected = count(c, "SELECT count(*) FROM " + GrantWriter.EXPECTED);
            assertThat(expected).isGreaterThan(SEEDED);
            assertThat(count(c, "SELECT count(*) FROM " + GrantWriter.EXPECTED + " e WHERE NOT EXISTS (SELECT 1 FROM"
                    + " admin_center.user_permission p WHERE p.user_id = e.user_id AND p." + match + ")"))
                    .as("grants missing or not in that form").isZero();
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission")).as("no grant twice").isEqualTo(expected);
            c.rollback();
        }
    }

    /** The writer's numbers, for people reading the build log. */
    private static void report(String run) {
        System.out.printf("[traffic] after %s: %d users (x3 grants) written in the 1.x form, %d in the 2.x form, %d while"
                + " both shapes existed, %d writes retried after a schema change%n", run, writer.oldForm(), writer.newForm(),
                writer.duringTransition(), writer.retried());
    }

    private static void awaitWrites() {
        long before = writer.oldForm() + writer.newForm();
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.oldForm() + writer.newForm() >= before + 5);
    }

    private static String[] with(String[] options, String... args) {
        String[] all = new String[args.length + options.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(options, 0, all, args.length, options.length);
        return all;
    }

    private static String jdbcUrl() {
        return platform.stack().postgres().jdbcUrl();
    }

    private static Connection connect() throws SQLException {
        return platform.stack().postgres().connect();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
