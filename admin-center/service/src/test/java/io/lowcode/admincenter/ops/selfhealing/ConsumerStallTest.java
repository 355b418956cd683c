package io.lowcode.admincenter.ops.selfhealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.functionunit.FunctionUnitEvents;
import io.lowcode.admincenter.ops.timeline.OperationsTimelineConsumer;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.runtime.selfhealing.ConsumerWatchdog;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A consumer made to stall for real: a session holds an exclusive lock on the operations timeline's table, so the
 * timeline consumer's attempt to insert an event's row waits without end. The watchdog (stall timeout 3 s in tests)
 * lets go of the record and makes the channel's consumer rejoin its group; once the lock is gone the redelivered record
 * is applied — once — and the incident is in the fault history as HEALED.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ConsumerStallTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static EventSender sender;

    @Inject
    ConsumerWatchdog watchdog;

    @BeforeAll
    static void kafka() {
        sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers());
    }

    @AfterAll
    static void close() {
        sender.close();
    }

    @Test
    void aStalledConsumerIsRestartedInProcessAndItsRecordAppliedOnceWithAnIncidentRecorded() throws Exception {
        long restartsBefore = watchdog.restarts(OperationsTimelineConsumer.CHANNEL);
        String unit = FunctionUnitEvents.newUnitId();
        EventEnvelope<?> created = FunctionUnitEvents.created(unit, "stall-" + unit.substring(0, 8));
        try (Connection blocker = LocalStackTestResource.stack().postgres().connect()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE admin_center.operations_timeline IN EXCLUSIVE MODE");
            }
            sender.send(created);
            await().atMost(WAIT).untilAsserted(() -> assertThat(watchdog.restarts(OperationsTimelineConsumer.CHANNEL))
                    .isGreaterThan(restartsBefore));
            assertThat(timelineRows(created.id())).as("nothing applied while the lock is held").isZero();
            blocker.rollback();
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(timelineRows(created.id())).isEqualTo(1));
        JsonPath incident = await().atMost(WAIT).until(() -> Authorized.as(Roles.ADMIN)
                .get("/api/v1/ops/incidents?kind=consumer-stalled&service=admin-center&size=20").then().statusCode(200)
                .extract().jsonPath(), page -> page.getList("items.findAll { it.target == 'operations-timeline' "
                        + "&& it.outcome == 'HEALED' }").size() > 0);
        String found = "items.find { it.target == 'operations-timeline' && it.outcome == 'HEALED' }";
        assertThat(incident.getString(found + ".detection")).contains("no progress for", "function-unit-events-");
        assertThat(incident.getString(found + ".action")).contains("rejoin");
        assertThat(incident.getString(found + ".outcomeDetail")).contains("applied");
        assertThat(incident.getLong(found + ".durationMs")).isPositive();
        // nothing lost, nothing doubled, nothing dead-lettered
        assertThat(timelineRows(created.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM admin_center.inbox_event WHERE event_id = CAST(? AS uuid) AND consumer_group = ?",
                created.id(), OperationsTimelineConsumer.CHANNEL)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM admin_center.dead_letter WHERE event_id = ?", created.id())).isZero();
        io.lowcode.localstack.testing.Management.management().get("/q/health/live").then().statusCode(200);
    }

    private static long timelineRows(String eventId) throws Exception {
        return count("SELECT count(*) FROM admin_center.operations_timeline WHERE event_id = CAST(? AS uuid)", eventId);
    }

    private static long count(String sql, String... parameters) throws Exception {
        try (Connection c = LocalStackTestResource.stack().postgres().connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
