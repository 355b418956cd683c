package io.lowcode.admincenter.ops.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.configuration.ManagedKeys;
import io.lowcode.eventschema.runtime.configuration.ManagedParameters;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The managed configuration against the real broker and database: a change applied to Kafka (retention through the
 * Admin API) and to the services (configuration.changed, applied by this service without a restart), every bad value
 * refused naming its field, a rollback that is a new version, drift made behind the console's back and repaired.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ConfigurationVersioningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = Topics.SYSTEM_NOTIFICATION_EVENTS;
    private static final String RETENTION = ParameterCatalog.retentionKey(TOPIC);

    @Inject
    ManagedParameters managed;

    @BeforeEach
    void sampled() {
        await().atMost(WAIT).untilAsserted(() -> Authorized.as(Roles.OPS).get("/api/v1/ops/cluster").then().statusCode(200));
    }

    @Test
    void aChangeIsANewVersionAppliedToKafkaAndToTheServicesWithoutARestart() throws Exception {
        JsonPath before = current();
        int version = before.getInt("version");
        long retention = Long.parseLong(value(before, RETENTION));
        long wanted = retention == 43_200_000L ? 21_600_000L : 43_200_000L;
        int attempts = Integer.parseInt(value(before, ManagedKeys.RETRY_MAX_ATTEMPTS)) == 6 ? 5 : 6;

        JsonPath changed = put(Map.of("expectedVersion", version, "reason", "longer database failovers",
                "parameters", Map.of(RETENTION, Long.toString(wanted), ManagedKeys.RETRY_MAX_ATTEMPTS,
                        Integer.toString(attempts)))).then().statusCode(200).extract().jsonPath();

        assertThat(changed.getInt("version")).isEqualTo(version + 1);
        assertThat(changed.getString("reason")).isEqualTo("longer database failovers");
        assertThat(changed.getString("changedBy")).isEqualTo("test-user");
        assertThat(changed.getList("changes.key", String.class)).containsExactlyInAnyOrder(RETENTION,
                ManagedKeys.RETRY_MAX_ATTEMPTS);
        assertThat(changed.getString("applyStatus")).isEqualTo("APPLIED");
        assertThat(changed.getString("apply.find { it.key == '" + RETENTION + "' }.status")).isEqualTo("APPLIED");
        assertThat(changed.getString("apply.find { it.key == '" + ManagedKeys.RETRY_MAX_ATTEMPTS + "' }.status"))
                .isEqualTo("PUBLISHED");
        assertThat(retentionInKafka()).isEqualTo(wanted);
        // this pod read configuration.changed from platform-operations-events and applies it from now on
        await().atMost(WAIT).untilAsserted(() -> assertThat(managed.applied().version()).isEqualTo(version + 1));
        assertThat(managed.integer(ManagedKeys.RETRY_MAX_ATTEMPTS, 0)).isEqualTo(attempts);

        JsonPath versions = Authorized.as(Roles.ADMIN).get("/api/v1/ops/configuration/versions?size=5").then()
                .statusCode(200).extract().jsonPath();
        assertThat(versions.getInt("items[0].version")).isEqualTo(version + 1);
        assertThat(versions.getInt("total")).isEqualTo(version + 1);
        assertThat(Authorized.as(Roles.ADMIN).get("/api/v1/audit-events?type=ops.configuration-changed&subject="
                + "configuration/v" + (version + 1)).then().statusCode(200).extract().jsonPath().getInt("total"))
                .isEqualTo(1);
    }

    @Test
    void aRollbackRestoresAnEarlierVersionAsANewVersion() throws Exception {
        JsonPath before = current();
        String original = value(before, RETENTION);
        int base = before.getInt("version");
        String changedTo = "7200000".equals(original) ? "10800000" : "7200000";
        put(Map.of("reason", "shorter retention for a test", "parameters", Map.of(RETENTION, changedTo)))
                .then().statusCode(200);
        assertThat(retentionInKafka()).isEqualTo(Long.parseLong(changedTo));

        JsonPath rolledBack = Authorized.as(Roles.OPS).contentType(ContentType.JSON)
                .body(Map.of("reason", "the test is over"))
                .post("/api/v1/ops/configuration/versions/" + base + "/rollback").then().statusCode(200)
                .extract().jsonPath();

        assertThat(rolledBack.getInt("version")).isEqualTo(base + 2);
        assertThat(rolledBack.getInt("rollbackOf")).isEqualTo(base);
        assertThat(rolledBack.getString("reason")).isEqualTo("rollback to version " + base + ": the test is over");
        assertThat(rolledBack.getString("changes.find { it.key == '" + RETENTION + "' }.to")).isEqualTo(original);
        assertThat(retentionInKafka()).isEqualTo(Long.parseLong(original));
        assertThat(value(current(), RETENTION)).isEqualTo(original);
    }

    @Test
    void aTopicChangedBehindTheConsolesBackIsDriftUntilTheManagedValueIsAppliedAgain() throws Exception {
        JsonPath before = current();
        String managedValue = value(before, RETENTION);
        try (Admin admin = LocalStackTestResource.stack().kafka().admin()) {
            admin.incrementalAlterConfigs(Map.of(resource(), List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET)))).all().get();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(current().getString("drift.find { it.key == '" + RETENTION
                + "' }.actual")).isEqualTo("3600000"));
        JsonPath drifted = current();
        assertThat(drifted.getString("drift.find { it.key == '" + RETENTION + "' }.managed")).isEqualTo(managedValue);

        // rolling back to the newest version applies it again
        Authorized.as(Roles.OPS).contentType(ContentType.JSON).body(Map.of("reason", "undo a manual change"))
                .post("/api/v1/ops/configuration/versions/" + drifted.getInt("version") + "/rollback")
                .then().statusCode(200);
        assertThat(retentionInKafka()).isEqualTo(Long.parseLong(managedValue));
        await().atMost(WAIT).untilAsserted(() -> assertThat(current().getList("drift.key", String.class))
                .doesNotContain(RETENTION));
    }

    @Test
    void everyBadChangeIsRefusedNamingItsFieldAndChangesNothing() {
        JsonPath before = current();
        int version = before.getInt("version");
        refused(Map.of("reason", "x", "parameters", Map.of(RETENTION, "ten days")), "parameters." + RETENTION);
        refused(Map.of("reason", "x", "parameters", Map.of(RETENTION, "1000")), "parameters." + RETENTION);
        refused(Map.of("reason", "x", "parameters", Map.of(RETENTION, "99999999999999999999")), "parameters." + RETENTION);
        refused(Map.of("reason", "x", "parameters", Map.of("topics.nope.retention-ms", "60000")),
                "parameters.topics.nope.retention-ms");
        refused(Map.of("reason", "x", "parameters", Map.of("<script>alert(1)</script>", "1")),
                "parameters.?script?alert?1???script?");
        refused(Map.of("reason", "x", "parameters", Map.of(ParameterCatalog.partitionsKey(TOPIC), "1")),
                "parameters." + ParameterCatalog.partitionsKey(TOPIC));
        refused(Map.of("reason", "x", "parameters", Map.of(ManagedKeys.RETRY_MAX_ATTEMPTS, "0")),
                "parameters." + ManagedKeys.RETRY_MAX_ATTEMPTS);
        refused(Map.of("reason", "x", "parameters", Map.of(ManagedKeys.RETRY_MAX_BACKOFF, "10ms")),
                "parameters." + ManagedKeys.RETRY_MAX_BACKOFF);
        refused(Map.of("reason", "x", "parameters", Map.of(ManagedKeys.ALERT_PUBLISH_FAILURES_RATIO, "1.5")),
                "parameters." + ManagedKeys.ALERT_PUBLISH_FAILURES_RATIO);
        refused(Map.of("reason", "x", "parameters", Map.of(ManagedKeys.NOTIFY_ROUTING_PREFIX + "critical", "EMAIL,FAX")),
                "parameters." + ManagedKeys.NOTIFY_ROUTING_PREFIX + "critical");
        refused(Map.of("reason", "x", "parameters", Map.of(ManagedKeys.REDRIVE_CONSUMERS, "access,Robert'); DROP")),
                "parameters." + ManagedKeys.REDRIVE_CONSUMERS);
        refused(Map.of("reason", "x", "parameters", Map.of(ManagedKeys.PERMISSION_FORMAT, "string")),
                "parameters." + ManagedKeys.PERMISSION_FORMAT);
        refused(Map.of("reason", "x", "parameters", Map.of(ManagedKeys.ALERT_OUTBOX_MAX_AGE, "5 minutes\u0000")),
                "parameters." + ManagedKeys.ALERT_OUTBOX_MAX_AGE);
        refused(Map.of("reason", " ", "parameters", Map.of(RETENTION, "60000")), "reason");
        refused(Map.of("reason", "x".repeat(501), "parameters", Map.of(RETENTION, "60000")), "reason");
        refused(Map.of("reason", "x", "parameters", Map.of()), "parameters");
        refused(Map.of("reason", "nothing", "parameters", Map.of(RETENTION, value(before, RETENTION))), "parameters");
        put(Map.of("expectedVersion", version - 1 < 1 ? version + 100 : version - 1, "reason", "stale",
                "parameters", Map.of(RETENTION, "60000"))).then().statusCode(409)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("configuration-changed"));
        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "admins only read",
                "parameters", Map.of(RETENTION, "60000"))).put("/api/v1/ops/configuration").then().statusCode(403);
        Authorized.as(Roles.OPS).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/ops/configuration/versions/0/rollback").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("n"));
        Authorized.as(Roles.OPS).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/ops/configuration/versions/99999/rollback").then().statusCode(404);
        Authorized.as(Roles.OPS).get("/api/v1/ops/configuration/versions?size=0").then().statusCode(400);

        assertThat(current().getInt("version")).isEqualTo(version);
        io.lowcode.localstack.testing.Management.management().get("/q/health/ready").then().statusCode(200);
    }

    private static void refused(Map<String, Object> body, String field) {
        put(body).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem(field));
    }

    private static Response put(Map<String, Object> body) {
        return Authorized.asUser("test-user", Roles.OPS).contentType(ContentType.JSON).body(body)
                .put("/api/v1/ops/configuration");
    }

    private static JsonPath current() {
        return Authorized.as(Roles.OPS).get("/api/v1/ops/configuration").then().statusCode(200).extract().jsonPath();
    }

    private static String value(JsonPath configuration, String key) {
        return configuration.getString("parameters.find { it.key == '" + key + "' }.value");
    }

    private static ConfigResource resource() {
        return new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
    }

    private static long retentionInKafka() throws Exception {
        try (Admin admin = LocalStackTestResource.stack().kafka().admin()) {
            Collection<ConfigEntry> entries = admin.describeConfigs(List.of(resource())).all().get().get(resource())
                    .entries();
            return Long.parseLong(entries.stream().filter(e -> e.name().equals("retention.ms")).findFirst().orElseThrow()
                    .value());
        }
    }
}
