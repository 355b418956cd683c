package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.PostgresServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The rollout order the migrator gates, on the packaged platform: the services start while the schemas are at the
 * previous release (2.2.0: admin_center at 12, portal and workstation at 9 — 2.3.0's admin center needs 14, the others 13). They stay
 * unready, join no consumer group, publish nothing from their outbox and dead-letter nothing. Then the migrator brings
 * the newest release: the same processes (no restart) become ready, join their groups, publish the outbox row and
 * apply what waited.
 */
class SchemaGateIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    /** How long "nothing happens" is watched; an ungated consumer joins its group within a second or two. */
    private static final Duration QUIET = Duration.ofSeconds(8);
    private static final List<String> GATED = List.of("workstation", "admin-center", "portal");
    private static final Set<String> GATED_GROUPS = Set.of("admin-center.function-unit-inventory",
            "admin-center.execution-monitor", "admin-center.notifier", "portal.available-functions", "portal.access",
            "workstation.deployment-status", "workstation.access");

    private static RunningPlatform platform;
    private static Admin admin;

    @BeforeAll
    static void startWithThePreviousReleasesSchemas() {
        platform = RunningPlatform.startWithSchemasAt("2.2.0");
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.stack().kafka().bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void servicesBehindTheirSchemaWaitForTheMigratorAndThenStartWithoutARestart() throws Exception {
        Map<String, Long> pids = GATED.stream().collect(Collectors.toMap(s -> s, s -> platform.platform().pid(s)));
        String ops = platform.platform().tokens().token("gate-ops", List.of(Roles.ADMIN, Roles.OPS));

        // work waiting for every service: an account event committed in admin-center's outbox, which the portal and
        // the workstation apply once it is published
        String userId = UUID.randomUUID().toString();
        UUID outboxEvent = commitAccountCreatedInAdminCenterOutbox(userId);

        assertThat(readiness("admin-center")).contains("schema admin_center is at 12, this service needs 14");
        assertThat(readiness("portal")).contains("schema portal is at 9, this service needs 13");
        assertThat(readiness("workstation")).contains("schema workstation is at 9, this service needs 13");
        await().during(QUIET).atMost(QUIET.plusSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(groups()).as("consumer groups while the schema is behind").doesNotContainAnyElementsOf(GATED_GROUPS);
            assertThat(published(outboxEvent)).as("the admin-center outbox row is not relayed").isFalse();
            assertThat(deadLetters()).as("records on the dead-letter topics").isZero();
            GATED.forEach(service -> RestAssured.given().get(platform.management(service) + "/q/health/ready").then()
                    .statusCode(503));
        });

        platform.platform().migrate();

        GATED.forEach(platform.platform()::awaitReady);
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(groups()).containsAll(GATED_GROUPS));
        await().atMost(PROPAGATION).until(() -> published(outboxEvent));
        await().atMost(PROPAGATION).untilAsserted(() -> RestAssured.given().baseUri(platform.adminCenter())
                .header("Authorization", "Bearer " + ops).get("/api/v1/users").then().statusCode(200));
        await().atMost(PROPAGATION).until(() -> exists("SELECT 1 FROM portal.account WHERE user_id = ?",
                UUID.fromString(userId)));
        await().atMost(PROPAGATION).until(() -> exists("SELECT 1 FROM workstation.account WHERE user_id = ?",
                UUID.fromString(userId)));
        assertThat(deadLetters()).as("records on the dead-letter topics").isZero();
        GATED.forEach(s -> assertThat(platform.platform().pid(s)).as(s + " was not restarted").isEqualTo(pids.get(s)));
        RestAssured.given().get(platform.management("admin-center") + "/q/metrics").then().statusCode(200)
                .body(containsString("lowcode_schema_gate_open 1.0"));
    }

    private static String readiness(String service) {
        return RestAssured.given().get(platform.management(service) + "/q/health/ready").then().statusCode(503)
                .extract().asString();
    }

    private static Set<String> groups() throws Exception {
        return admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId).collect(Collectors.toSet());
    }

    private static long deadLetters() throws Exception {
        Map<TopicPartition, OffsetSpec> ends = TopicCatalog.all().stream().filter(TopicSpec::deadLetter)
                .flatMap(t -> java.util.stream.IntStream.range(0, t.partitions())
                        .mapToObj(p -> new TopicPartition(t.name(), p)))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    private static UUID commitAccountCreatedInAdminCenterOutbox(String userId) throws SQLException {
        EventEnvelope<UserAccountCreated> event = EventEnvelope.of(EventType.USER_ACCOUNT_CREATED, userId,
                new UserAccountCreated(userId, "gate-" + userId.substring(0, 8), null, "gate@example.com",
                        List.of(Roles.USER))).withSource(SourceModule.ADMIN_CENTER);
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO admin_center.outbox_event (event_id, topic, event_key, event_type, payload)
                VALUES (?, ?, ?, ?, ?)""")) {
            insert.setObject(1, UUID.fromString(event.id()));
            insert.setString(2, event.type().topic());
            insert.setString(3, event.subject());
            insert.setString(4, event.type().type());
            insert.setBytes(5, EventCodec.shared().serialize(event));
            insert.executeUpdate();
        }
        return UUID.fromString(event.id());
    }

    private static boolean published(UUID eventId) throws SQLException {
        return exists("SELECT 1 FROM admin_center.outbox_event WHERE event_id = ? AND published_at IS NOT NULL", eventId);
    }

    private static boolean exists(String sql, UUID id) throws SQLException {
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Connection connect() throws SQLException {
        LocalStack stack = platform.stack();
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
