package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.Topics;
import io.restassured.RestAssured;

/**
 * The size window between what the event codec writes and what Kafka takes, on the packaged platform: a request whose
 * event would be larger than the codec writes is refused (413, nothing stored); an event just under that limit is
 * published (the relay's producer takes it); and a row Kafka refuses anyway is parked — not retried in front of its
 * key forever — while the rows behind it on the same key go on.
 */
class EventSizeAbuseIT {

    private static final Duration PUBLISHED = Duration.ofSeconds(60);
    private static RunningPlatform platform;
    private static Workflows flows;
    private static String unit;

    @BeforeAll
    static void unit() {
        platform = RunningPlatform.shared();
        flows = Workflows.on(platform, "size-runner");
        unit = flows.deploy("size-window", Map.of("steps", List.of(Map.of("name", "noop", "kind", "transform",
                "set", Map.of()))));
    }

    @Test
    void aStartWhoseEventWouldBeTooLargeIsRefusedAndNothingIsStored() throws Exception {
        long before = count("SELECT count(*) FROM portal.execution WHERE function_unit_id = ?::uuid", unit);
        try (HealthWatch ignored = HealthWatch.of(platform, "portal")) {
            flows.start(unit, Map.of("s", "x".repeat(1_000_000))).then().statusCode(413)
                    .contentType("application/problem+json").body("type", equalTo("urn:lowcode:problem:too-large"));
        }
        assertThat(count("SELECT count(*) FROM portal.execution WHERE function_unit_id = ?::uuid", unit))
                .isEqualTo(before);
    }

    @Test
    void anEventJustUnderTheCodecsLimitIsPublished() throws Exception {
        String id = flows.started(unit, Map.of("s", "y".repeat(990_000)));
        await().atMost(PUBLISHED).until(() -> count("SELECT count(*) FROM portal.outbox_event WHERE event_key = ? "
                + "AND event_type = 'workflow.execution-started' AND published_at IS NOT NULL", id) == 1);
        assertThat(count("SELECT count(*) FROM portal.outbox_event WHERE event_key = ? AND octet_length(payload) "
                + "BETWEEN 990000 AND 1000000", id)).isEqualTo(1);
    }

    @Test
    void aRowKafkaRefusesIsParkedAndTheRowsBehindItOnItsKeyGoOn() throws Exception {
        String key = UUID.randomUUID().toString();
        // nobody consumes the dead-letter topics: the relay's answer is all that matters here
        UUID refused = insertOutboxRow(key, new byte[1_200_000]);
        UUID behind = insertOutboxRow(key, "{\"small\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        await().atMost(PUBLISHED).until(() -> count("SELECT count(*) FROM portal.outbox_event WHERE event_id = ?::uuid "
                + "AND published_at IS NOT NULL", behind.toString()) == 1);
        assertThat(count("SELECT count(*) FROM portal.outbox_event WHERE event_id = ?::uuid AND parked_at IS NOT NULL "
                + "AND published_at IS NULL AND last_error LIKE '%RecordTooLarge%'", refused.toString())).isEqualTo(1);
        String metrics = RestAssured.given().get(platform.management("portal") + "/q/metrics").then().statusCode(200)
                .extract().asString();
        assertThat(metrics).containsPattern("lowcode_outbox_parked_total\\{[^}]*topic=\""
                + Topics.WORKFLOW_EXECUTION_EVENTS + ".dlq\"[^}]*} [1-9]");
    }

    private static UUID insertOutboxRow(String key, byte[] payload) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = platform.stack().postgres().connect(); PreparedStatement insert = db.prepareStatement("""
                INSERT INTO portal.outbox_event (event_id, topic, event_key, event_type, payload)
                VALUES (?, ?, ?, 'workflow.execution-interrupted', ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, Topics.WORKFLOW_EXECUTION_EVENTS + ".dlq");
            insert.setString(3, key);
            insert.setBytes(4, payload);
            insert.executeUpdate();
        }
        return id;
    }

    private static long count(String sql, String parameter) throws Exception {
        try (Connection db = platform.stack().postgres().connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
