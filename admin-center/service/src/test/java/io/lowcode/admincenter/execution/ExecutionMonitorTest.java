package io.lowcode.admincenter.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Status;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.payload.ExecutionCompleted;
import io.lowcode.eventschema.payload.ExecutionFailed;
import io.lowcode.eventschema.payload.ExecutionInterrupted;
import io.lowcode.eventschema.payload.ExecutionStarted;
import io.lowcode.eventschema.payload.StepCompleted;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.lowcode.localstack.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The execution monitor fed from workflow-execution-events on the real broker. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ExecutionMonitorTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);

    @Test
    void countsSuccessRateAndP95PerFunctionUnitEachEventAppliedOnce() {
        String unit = UUID.randomUUID().toString();
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            UUID id = UUID.randomUUID();
            events.add(started(id, unit));
            events.add(event(EventType.WORKFLOW_STEP_COMPLETED, id, new StepCompleted(id.toString(), unit, 0, "a",
                    JsonNodeFactory.instance.objectNode(), 1)));
            events.add(event(EventType.WORKFLOW_EXECUTION_COMPLETED, id, new ExecutionCompleted(id.toString(), unit,
                    JsonNodeFactory.instance.objectNode(), i * 10L)));
        }
        UUID failed = UUID.randomUUID();
        events.add(started(failed, unit));
        events.add(event(EventType.WORKFLOW_EXECUTION_FAILED, failed, new ExecutionFailed(failed.toString(), unit, "call",
                "answered 500", 7)).withStatus(Status.FAILED));
        UUID interrupted = UUID.randomUUID();
        events.add(started(interrupted, unit));
        events.add(event(EventType.WORKFLOW_EXECUTION_INTERRUPTED, interrupted, new ExecutionInterrupted(
                interrupted.toString(), unit, "retired")));
        UUID running = UUID.randomUUID();
        events.add(started(running, unit));
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers())) {
            events.forEach(sender::send);
            // the same records again: redelivery changes nothing
            events.forEach(sender::send);
        }

        await().atMost(APPLIED).untilAsserted(() -> {
            JsonPath stats = stats(unit);
            assertThat(stats.getLong("total")).isEqualTo(23);
            assertThat(stats.getLong("completed")).isEqualTo(20);
        });
        JsonPath stats = stats(unit);
        assertThat(stats.getLong("running")).isEqualTo(1);
        assertThat(stats.getLong("failed")).isEqualTo(1);
        assertThat(stats.getLong("interrupted")).isEqualTo(1);
        assertThat(stats.getDouble("successRate")).isEqualTo(20.0 / 22.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(stats.getLong("p95DurationMs")).isEqualTo(191); // percentile_cont over 10, 20, …, 200
        assertThat(stats.getLong("meanDurationMs")).isEqualTo(105);
    }

    @Test
    void anEventForAnExecutionNeverStartedIsDeadLettered() {
        UUID id = UUID.randomUUID();
        EventEnvelope<?> orphan = event(EventType.WORKFLOW_EXECUTION_COMPLETED, id, new ExecutionCompleted(id.toString(),
                UUID.randomUUID().toString(), JsonNodeFactory.instance.nullNode(), 5));
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers());
                TopicReader dlq = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                        Topics.WORKFLOW_EXECUTION_EVENTS + ".dlq")) {
            sender.send(orphan);
            await().atMost(APPLIED).until(() -> !dlq.matching(r -> id.toString().equals(r.key())).isEmpty());
            var letter = dlq.matching(r -> id.toString().equals(r.key())).get(0);
            assertThat(TopicReader.header(letter, DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_PERMANENT);
            assertThat(TopicReader.header(letter, "dead-letter-reason")).contains("never applied");
            assertThat(EventCodec.shared().deserialize(letter.value()).id()).isEqualTo(orphan.id());
        }
    }

    @Test
    void statsAreForOpsAndAdminsOnly() {
        Authorized.as(Roles.OPS).get("/api/v1/executions/stats").then().statusCode(200);
        Authorized.as(Roles.USER).get("/api/v1/executions/stats").then().statusCode(403);
    }

    private static JsonPath stats(String unit) {
        List<Map<String, Object>> all = Authorized.as(Roles.ADMIN).get("/api/v1/executions/stats").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Object> mine = all.stream().filter(s -> unit.equals(s.get("functionUnitId"))).findFirst()
                .orElse(Map.of("total", 0, "completed", 0));
        return JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(mine).toString());
    }

    private static EventEnvelope<ExecutionStarted> started(UUID id, String unit) {
        return event(EventType.WORKFLOW_EXECUTION_STARTED, id, new ExecutionStarted(id.toString(), unit, "1.0.0",
                "user-1", JsonNodeFactory.instance.objectNode()));
    }

    private static <P extends EventPayload> EventEnvelope<P> event(EventType type, UUID id, P payload) {
        return EventEnvelope.of(type, id.toString(), payload).withSource(SourceModule.PORTAL).withUserId("user-1")
                .withTime(Instant.now());
    }
}
