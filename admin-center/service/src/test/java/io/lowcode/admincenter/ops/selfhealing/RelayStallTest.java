package io.lowcode.admincenter.ops.selfhealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.functionunit.FunctionUnitEvents;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.runtime.selfhealing.RelayWatchdog;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The relay blocked for real: another relay of this service (a session with its application_name, as another pod's
 * would be) claims committed outbox rows with the relay's own statement and then hangs inside its transaction, so this
 * pod's relay skips them for as long as it lives. The watchdog terminates that session, the rows are released and
 * published; every event is applied once downstream and the incident is recorded as HEALED.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class RelayStallTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int EVENTS = 5;
    /** The relay's claim (OutboxRelay.CLAIM), narrowed to this test's rows. */
    private static final String CLAIM = """
            SELECT seq, event_id, topic, event_key, event_type, payload, created_at
            FROM outbox_event
            WHERE published_at IS NULL AND event_key = ?
            ORDER BY seq
            LIMIT 500
            FOR UPDATE SKIP LOCKED""";

    @Inject
    EventCodec codec;

    @Inject
    RelayWatchdog watchdog;

    @Test
    void aRelayHungInItsTransactionIsTerminatedAndEveryEventItHeldIsPublishedOnce() throws Exception {
        long restartsBefore = watchdog.restarts();
        String unit = FunctionUnitEvents.newUnitId();
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(FunctionUnitEvents.created(unit, "relay-" + i + "-" + unit.substring(0, 6))
                    .withId(UUID.randomUUID().toString()));
        }
        Connection hung = LocalStackTestResource.stack().postgres().connect();
        int claimed = 0;
        try (Connection writer = LocalStackTestResource.stack().postgres().connect()) {
            try (Statement s = hung.createStatement()) {
                s.execute("SET application_name = 'admin-center'");
                s.execute("SET search_path = admin_center");
            }
            hung.setAutoCommit(false);
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement("INSERT INTO admin_center.outbox_event "
                    + "(event_id, topic, event_key, event_type, payload) VALUES (?, ?, ?, ?, ?)")) {
                for (EventEnvelope<?> e : events) {
                    insert.setObject(1, UUID.fromString(e.id()));
                    insert.setString(2, e.type().topic());
                    insert.setString(3, e.subject());
                    insert.setString(4, e.type().type());
                    insert.setBytes(5, codec.serialize(e));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            writer.commit();
            // the hung relay claims them at once (the sweep runs once a second), then never ends its transaction
            try (PreparedStatement claim = hung.prepareStatement(CLAIM)) {
                claim.setString(1, unit);
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        claimed++;
                    }
                }
            }
        }
        assertThat(claimed).as("the stuck relay holds rows").isPositive();

        await().atMost(WAIT).untilAsserted(() -> assertThat(watchdog.restarts()).isGreaterThan(restartsBefore));
        assertThat(terminated(hung)).as("the stuck relay's session was terminated").isTrue();
        hung.close();
        await().atMost(WAIT).untilAsserted(() -> assertThat(count("SELECT count(*) FROM admin_center.outbox_event "
                + "WHERE event_key = ? AND published_at IS NOT NULL", unit)).isEqualTo(EVENTS));
        for (EventEnvelope<?> e : events) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(count("SELECT count(*) FROM "
                    + "admin_center.operations_timeline WHERE event_id = CAST(? AS uuid)", e.id())).isEqualTo(1));
        }
        JsonPath incidents = await().atMost(WAIT).until(() -> Authorized.as(Roles.OPS)
                .get("/api/v1/ops/incidents?kind=relay-stalled").then().statusCode(200).extract().jsonPath(),
                page -> page.getList("items.findAll { it.outcome == 'HEALED' }").size() > 0);
        String healed = "items.find { it.outcome == 'HEALED' }";
        assertThat(incidents.getString(healed + ".service")).isEqualTo("admin-center");
        assertThat(incidents.getString(healed + ".detection")).contains("idle", "outbox");
        assertThat(incidents.getString(healed + ".action")).contains("pg_terminate_backend");
        assertThat(incidents.getString(healed + ".outcomeDetail")).contains("published");
    }

    private static boolean terminated(Connection hung) {
        try (Statement s = hung.createStatement()) {
            s.execute("SELECT 1");
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    private static long count(String sql, String parameter) throws Exception {
        try (Connection c = LocalStackTestResource.stack().postgres().connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
