package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.testing.EventSender;
import io.lowcode.localstack.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * No dead letter is a black hole, on the packaged platform: the portal's database goes away for 20 s (only the
 * portal's: a proxy between it and PostgreSQL is cut) while a permission is revoked — the revocation waits and is
 * applied when the database is back, never dead-lettered — and a version is published — dead-lettered after the
 * bounded retries, then replayed once the database is back and applied once; a second replay is refused. An older
 * grant replayed after a revocation changes nothing; poison records are listed with reason and field; a permission
 * removed from the portal's cache behind its back is restored by reconciliation.
 */
class DeadLettersAndReconciliationIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningPlatform platform;

    @BeforeAll
    static void start() {
        platform = RunningPlatform.shared();
    }

    @Test
    void aRevocationDuringAPortalDatabaseOutageIsAppliedAfterItWhileAPublishedVersionIsDeadLetteredAndReplayedOnce()
            throws Exception {
        String unit = deployedUnit("Outage " + UUID.randomUUID());
        RunningPlatform.User carol = platform.newUser("e2e-outage-carol", List.of(Roles.USER));
        String permission = "function-unit:" + unit + ":execute";
        admin().contentType(ContentType.JSON).body(Map.of("permission", permission))
                .post("/api/v1/users/" + carol.id() + "/permissions").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> portal(carol).get("/api/v1/functions/" + unit).then()
                .statusCode(200));

        Instant cut = Instant.now();
        platform.portalDatabase().cut();
        try {
            admin().delete("/api/v1/users/" + carol.id() + "/permissions/" + permission).then().statusCode(204);
            developer().contentType(ContentType.JSON).body(Map.of("version", "1.1.0"))
                    .post("/api/v1/function-units/" + unit + "/versions").then().statusCode(201);
            // the published version (bounded retries) reaches the dead-letter index while the database is still away
            await().atMost(OUTAGE).until(() -> publishedDeadLetter(unit) != null);
            // for the rest of the 20 s the revocation waits: nothing of carol's is dead-lettered
            Duration left = OUTAGE.minus(Duration.between(cut, Instant.now()));
            await().during(left.isNegative() ? Duration.ZERO : left).atMost(OUTAGE.plusSeconds(10))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> deadLetters(Map.of("topic", Topics.deadLetterOf(Topics.USER_PERMISSION_EVENTS)))
                            .getList("items.key").stream().noneMatch(carol.id()::equals));
            // meanwhile ops were told: the portal's access group stalls on the waiting revocation and its alert fires
            // (the e2e platform judges groups over a 3-sample window, so within about 15 s of the stall)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> ops()
                    .get("/api/v1/ops/alerts").then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.rule == 'consumer-group-status' && it.target == 'portal.access' }")
                    .size() == 1);
        } finally {
            platform.portalDatabase().restore();
        }

        await().atMost(PROPAGATION).untilAsserted(() -> portal(carol).get("/api/v1/functions/" + unit).then()
                .statusCode(403));
        try (TopicReader dlq = new TopicReader(bootstrap(), Topics.deadLetterOf(Topics.USER_PERMISSION_EVENTS))) {
            assertThat(dlq.readToEnd()).noneMatch(record -> carol.id().equals(record.key()));
        }

        Map<String, Object> letter = publishedDeadLetter(unit);
        assertThat(letter.get("kind")).isEqualTo(DeadLetters.KIND_RETRIES_EXHAUSTED);
        String eventId = (String) letter.get("eventId");
        Map<String, Object> coordinates = Map.of("topic", letter.get("topic"), "partition", letter.get("partition"),
                "offset", letter.get("offset"));
        ops().contentType(ContentType.JSON).body(Map.of("records", List.of(coordinates)))
                .post("/api/v1/ops/dead-letters/replay").then().statusCode(200);
        await().atMost(PROPAGATION).until(() -> portalRows("SELECT count(*) FROM portal.inbox_event WHERE event_id = ?::uuid "
                + "AND consumer_group = 'available-functions'", eventId) == 1);
        assertThat(portalRows("SELECT count(*) FROM portal.function_version WHERE function_unit_id = ?::uuid "
                + "AND version = '1.1.0'", unit)).isEqualTo(1);

        ops().contentType(ContentType.JSON).body(Map.of("records", List.of(coordinates)))
                .post("/api/v1/ops/dead-letters/replay").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:dead-letter-handled"));
        assertThat(portalRows("SELECT count(*) FROM portal.inbox_event WHERE event_id = ?::uuid", eventId)).isEqualTo(1);
    }

    @Test
    void anOlderGrantReplayedAfterTheRevocationChangesNothing() throws Exception {
        String unit = deployedUnit("Stale " + UUID.randomUUID());
        RunningPlatform.User dave = platform.newUser("e2e-stale-dave", List.of(Roles.USER));
        String permission = "function-unit:" + unit + ":execute";
        admin().contentType(ContentType.JSON).body(Map.of("permission", permission))
                .post("/api/v1/users/" + dave.id() + "/permissions").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> portal(dave).get("/api/v1/functions/" + unit).then()
                .statusCode(200));
        admin().delete("/api/v1/users/" + dave.id() + "/permissions/" + permission).then().statusCode(204);
        await().atMost(PROPAGATION).untilAsserted(() -> portal(dave).get("/api/v1/functions/" + unit).then()
                .statusCode(403));
        Instant revokedAt = Instant.parse(admin().queryParam("subject", dave.id())
                .queryParam("type", "permission.revoked").get("/api/v1/audit-events").then().statusCode(200)
                .extract().jsonPath().getString("items[0].occurredAt"));

        // a grant made before the revocation that a consumer of the previous release dead-lettered (bounded retries)
        EventEnvelope<PermissionGranted> older = EventEnvelope.of(EventType.PERMISSION_GRANTED, dave.id(),
                        new PermissionGranted(dave.id(), permission, "e2e-admin"))
                .withSource(SourceModule.ADMIN_CENTER).withTime(revokedAt.minusMillis(1));
        Map<String, Object> coordinates = deadLetter(Topics.USER_PERMISSION_EVENTS, dave.id(),
                EventCodec.shared().serialize(older), DeadLetters.KIND_RETRIES_EXHAUSTED, "access");
        ops().contentType(ContentType.JSON).body(Map.of("records", List.of(coordinates)))
                .post("/api/v1/ops/dead-letters/replay").then().statusCode(200);

        await().atMost(PROPAGATION).until(() -> portalRows("SELECT count(*) FROM portal.inbox_event WHERE event_id = "
                + "?::uuid AND consumer_group = 'access'", older.id()) == 1);
        portal(dave).get("/api/v1/functions/" + unit).then().statusCode(403);
        String metrics = io.restassured.RestAssured.given().baseUri(platform.management("portal")).get("/q/metrics").then()
                .statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "lowcode_events_consumed_total\\{outcome=\"stale\",type=\"permission.granted\"\\} [1-9]");
    }

    @Test
    void poisonRecordsAreListedWithReasonAndField() throws Exception {
        String unitId = UUID.randomUUID().toString();
        EventEnvelope<FunctionUnitCreated> created = EventEnvelope.of(EventType.FUNCTION_UNIT_CREATED, unitId,
                new FunctionUnitCreated(unitId, "Nameless", null, "dev-1", "finance"));
        ObjectNode withoutName = (ObjectNode) JSON.readTree(EventCodec.shared().serialize(created));
        ((ObjectNode) withoutName.path("data").path("payload")).remove("name");
        RecordMetadata poison;
        try (EventSender sender = new EventSender(bootstrap())) {
            poison = sender.send(Topics.FUNCTION_UNIT_EVENTS, null, unitId, JSON.writeValueAsBytes(withoutName));
        }

        // the consumers that apply function-unit.created dead-letter it: the admin center's two (inventory and
        // operations timeline)
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(deadLetters(Map.of("type",
                "function-unit.created", "kind", DeadLetters.KIND_INVALID)).getList("items", Map.class).stream()
                .filter(item -> unitId.equals(item.get("key"))).map(item -> item.get("consumer")).toList())
                .containsExactlyInAnyOrder("function-unit-inventory", "operations-timeline"));
        // the portal's and the workstation's consumers of the topic do not apply that type: they acknowledge it
        // without decoding it and lose nothing, so they do not dead-letter it. Once both moved past it, any dead letter
        // of theirs would be on the dead-letter topic already.
        TopicPartition partition = new TopicPartition(poison.topic(), poison.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            await().atMost(PROPAGATION).until(() -> java.util.stream.Stream.of("portal.available-functions",
                    "workstation.deployment-status").allMatch(group -> {
                        try {
                            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                                    .partitionsToOffsetAndMetadata().get(10, java.util.concurrent.TimeUnit.SECONDS)
                                    .get(partition);
                            return committed != null && committed.offset() > poison.offset();
                        } catch (Exception notYet) {
                            return false;
                        }
                    }));
        }
        try (TopicReader dlq = new TopicReader(bootstrap(), Topics.deadLetterOf(Topics.FUNCTION_UNIT_EVENTS))) {
            dlq.readToEnd();
            assertThat(dlq.matching(record -> unitId.equals(record.key())).stream()
                    .map(record -> TopicReader.header(record, DeadLetters.CONSUMER)).toList())
                    .containsExactlyInAnyOrder("function-unit-inventory", "operations-timeline");
        }
        JsonPath listed = deadLetters(Map.of("type", "function-unit.created"));
        List<Map<String, Object>> ours = listed.<Map<String, Object>>getList("items").stream()
                .filter(item -> unitId.equals(item.get("key"))).toList();
        assertThat(ours).allSatisfy(item -> {
            assertThat((String) item.get("reason")).contains("SCHEMA_VIOLATION").contains("name");
            assertThat(item.get("field")).isEqualTo("/data/payload/name");
            assertThat(item.get("eventId")).isEqualTo(created.id());
            assertThat(item.get("originalTopic")).isEqualTo(Topics.FUNCTION_UNIT_EVENTS);
        });
    }

    @Test
    void aPermissionRemovedFromThePortalsCacheBehindItsBackIsRestoredByReconciliation() throws Exception {
        String unit = deployedUnit("Drift " + UUID.randomUUID());
        RunningPlatform.User erin = platform.newUser("e2e-drift-erin", List.of(Roles.USER));
        String permission = "function-unit:" + unit + ":execute";
        admin().contentType(ContentType.JSON).body(Map.of("permission", permission))
                .post("/api/v1/users/" + erin.id() + "/permissions").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> portal(erin).get("/api/v1/functions/" + unit).then()
                .statusCode(200));

        try (Connection db = platform.stack().postgres().connect(); PreparedStatement delete = db.prepareStatement(
                "DELETE FROM portal.account_permission WHERE user_id = ?::uuid AND permission = ?")) {
            delete.setString(1, erin.id());
            delete.setString(2, permission);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        portal(erin).get("/api/v1/functions/" + unit).then().statusCode(403);

        JsonPath report = ops().post("/api/v1/ops/reconciliations").then().statusCode(201).extract().jsonPath();

        assertThat(report.getString("status")).as(report.getString("error")).isEqualTo("COMPLETED");
        List<Map<String, Object>> drifts = report.getList("drifts");
        assertThat(drifts).filteredOn(d -> erin.id().equals(d.get("subject"))).singleElement().satisfies(d -> {
            assertThat(d.get("kind")).isEqualTo("PERMISSION_MISSING");
            assertThat(d.get("repair")).isEqualTo("permission.granted");
            assertThat((String) d.get("detail")).contains(permission);
        });
        await().atMost(PROPAGATION).untilAsserted(() -> portal(erin).get("/api/v1/functions/" + unit).then()
                .statusCode(200));
        ops().get("/api/v1/ops/reconciliations/" + report.getString("id")).then().statusCode(200)
                .body("drifts.subject", org.hamcrest.Matchers.hasItem(erin.id()));
        admin().queryParam("subject", erin.id()).queryParam("type", "permission.granted").get("/api/v1/audit-events")
                .then().statusCode(200).body("items[0].summary", containsString("reconciliation"));
    }

    /** A function unit created and published in the workstation and deployed in the admin center. */
    private static String deployedUnit(String name) {
        String unit = developer().contentType(ContentType.JSON)
                .body(Map.of("name", name, "definition", Map.of("steps", List.of())))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
        developer().contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + unit + "/versions").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> admin().contentType(ContentType.JSON)
                .body(Map.of("version", "1.0.0")).post("/api/v1/function-units/" + unit + "/deployments").then()
                .statusCode(201));
        return unit;
    }

    /** The portal's dead letter of the unit's published version, from the admin center's index, or null. */
    private static Map<String, Object> publishedDeadLetter(String unit) {
        return deadLetters(Map.of("type", "function-unit.published", "consumer", "available-functions"))
                .<Map<String, Object>>getList("items").stream().filter(item -> unit.equals(item.get("key")))
                .findFirst().orElse(null);
    }

    /** Writes a dead letter as consumer {@code consumer} writes one, and waits until the admin center indexed it. */
    private static Map<String, Object> deadLetter(String topic, String key, byte[] value, String kind, String consumer) {
        RecordMetadata sent;
        try (EventSender sender = new EventSender(bootstrap())) {
            sent = sender.send(Topics.deadLetterOf(topic), null, key, value, Map.of(DeadLetters.TOPIC, topic,
                    DeadLetters.PARTITION, "0", DeadLetters.OFFSET, "0", DeadLetters.KIND, kind,
                    DeadLetters.CONSUMER, consumer, DeadLetters.ATTEMPTS, "4", DeadLetters.REASON,
                    "Connection refused (a consumer of release 2.1.0)"));
        }
        Map<String, Object> at = Map.of("topic", Topics.deadLetterOf(topic), "partition", sent.partition(), "offset",
                sent.offset());
        await().atMost(PROPAGATION).untilAsserted(() -> ops().get("/api/v1/ops/dead-letters/" + at.get("topic") + "/"
                + at.get("partition") + "/" + at.get("offset")).then().statusCode(200));
        return at;
    }

    private static JsonPath deadLetters(Map<String, String> filters) {
        return ops().queryParams(filters).queryParam("size", 200).get("/api/v1/ops/dead-letters").then()
                .statusCode(200).extract().jsonPath();
    }

    private static long portalRows(String sql, String parameter) throws SQLException {
        try (Connection db = platform.stack().postgres().connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static RequestSpecification admin() {
        return platform.asAdmin(platform.adminCenter());
    }

    private static RequestSpecification ops() {
        return platform.asAdmin(platform.adminCenter()); // the first admin holds roles admin, ops, developer, user
    }

    private static RequestSpecification developer() {
        return platform.asAdmin(platform.workstation());
    }

    private static RequestSpecification portal(RunningPlatform.User user) {
        return RunningPlatform.as(user.token(), platform.portal());
    }

    private static String bootstrap() {
        return platform.stack().kafka().bootstrapServers();
    }
}
