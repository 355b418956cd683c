package io.lowcode.admincenter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import io.lowcode.eventschema.payload.ExecutionStarted;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.lowcode.localstack.testing.TopicReader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The monitoring service (seed §2.3.1) on the real broker: the operations timeline of the function-unit lifecycle,
 * the health of live deployments from their executions, and the trace that runs through a consumer into the events
 * it causes.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class MonitoringServiceTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static EventSender sender;

    @Inject
    InMemorySpanExporter spans;

    @BeforeAll
    static void connect() {
        sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        sender.close();
    }

    @Test
    void everyLifecycleEventIsInTheTimelineOnceWithWhoWhenAndItsTrace() {
        String unit = UUID.randomUUID().toString();
        String trace = "0af7651916cd43dd8448eb211c80319c";
        Instant t0 = Instant.now().minusSeconds(60);
        List<EventEnvelope<?>> lifecycle = List.of(
                workstation(EventType.FUNCTION_UNIT_CREATED, unit, new FunctionUnitCreated(unit, "Timeline unit", null,
                        "dev-ada", "finance"), t0)
                        .withTraceparent("00-" + trace + "-b7ad6b7169203331-01"),
                workstation(EventType.FUNCTION_UNIT_PUBLISHED, unit, new FunctionUnitPublished(unit, "Timeline unit",
                        "1.0.0", "first", "a".repeat(64), JsonNodeFactory.instance.objectNode()), t0.plusSeconds(1)),
                adminCenter(EventType.FUNCTION_UNIT_DEPLOYED, unit, new FunctionUnitDeployed(unit, "Timeline unit", "1.0.0",
                        "production", "admin-bob", UUID.randomUUID().toString(), null), t0.plusSeconds(2)),
                adminCenter(EventType.FUNCTION_UNIT_RETIRED, unit, new FunctionUnitRetired(unit, "Timeline unit", "1.0.0",
                        "replaced", "admin-bob"), t0.plusSeconds(3)));
        lifecycle.forEach(sender::send);
        sender.send(lifecycle.get(2)); // redelivered: recorded once
        // a deployment that arrives after the retirement but happened before it (a late delivery, a replay): stale
        // for the consumers that keep state, but a timeline records it in its place
        sender.send(adminCenter(EventType.FUNCTION_UNIT_DEPLOYED, unit, new FunctionUnitDeployed(unit, "Timeline unit",
                "0.9.0", "production", "admin-bob", UUID.randomUUID().toString(), null), t0.plusMillis(1500)));

        await().atMost(APPLIED).untilAsserted(() -> assertThat(timeline("functionUnitId=" + unit).getLong("total"))
                .isEqualTo(5));
        JsonPath page = timeline("functionUnitId=" + unit + "&type=function-unit.deployed");
        assertThat(page.getList("items.version")).containsExactly("1.0.0", "0.9.0");
        page = timeline("functionUnitId=" + unit + "&size=4");
        assertThat(page.getList("items.eventType")).containsExactly("function-unit.retired", "function-unit.deployed",
                "function-unit.deployed", "function-unit.published");
        page = timeline("functionUnitId=" + unit);
        assertThat(deployments().getList("functionUnitId")).as("retired, not live").doesNotContain(unit);
        assertThat(page.getString("items[4].traceId")).isEqualTo(trace);
        assertThat(page.getString("items[4].actor")).isEqualTo("dev-ada");
        assertThat(page.getString("items[4].details.category")).isEqualTo("finance");
        assertThat(page.getString("items[1].details.deployedBy")).isEqualTo("admin-bob");
        assertThat(page.getString("items[0].details.reason")).isEqualTo("replaced");
        assertThat(page.getString("items[0].source")).isEqualTo(SourceModule.ADMIN_CENTER.source());
        assertThat(timeline("functionUnitId=" + unit + "&from=" + t0.plusSeconds(2)).getLong("total")).isEqualTo(2);
    }

    @Test
    void badTimelineFiltersAreRefusedNamingTheParameter() {
        Authorized.as(Roles.OPS).get("/api/v1/ops/timeline?from=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        Authorized.as(Roles.OPS).get("/api/v1/ops/timeline?size=100000").then().statusCode(400)
                .body("errors.field", hasItem("size"));
        Authorized.as(Roles.OPS).get("/api/v1/ops/timeline?functionUnitId=" + "x".repeat(500)).then().statusCode(400)
                .body("errors.field", hasItem("functionUnitId"));
        io.lowcode.localstack.testing.Management.management().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void opsAndAdminsReadTheMonitoringOthersAreRefused() {
        Authorized.as(Roles.ADMIN).get("/api/v1/ops/deployments").then().statusCode(200);
        Authorized.as(Roles.OPS).get("/api/v1/ops/timeline").then().statusCode(200);
        Authorized.as(Roles.DEVELOPER).get("/api/v1/ops/timeline").then().statusCode(403);
        Authorized.as(Roles.USER).get("/api/v1/ops/deployments").then().statusCode(403);
    }

    @Test
    void aLiveDeploymentIsJudgedByTheExecutionsOfItsVersionSinceItWasDeployed() {
        String healthy = deployedUnit("Healthy unit");
        String degraded = deployedUnit("Degraded unit");
        String failing = deployedUnit("Failing unit");
        String quiet = deployedUnit("Quiet unit");
        String retired = deployedUnit("Retired unit");
        sender.send(adminCenter(EventType.FUNCTION_UNIT_RETIRED, retired, new FunctionUnitRetired(retired, "Retired unit",
                "1.0.0", "gone", "admin-bob"), Instant.now()));
        runs(healthy, 12, 0);
        runs(degraded, 9, 1);
        runs(failing, 5, 5);
        runs(quiet, 2, 0);
        // executions of another version do not count against the deployed one
        runs(healthy, 0, 5, "0.9.0");

        await().atMost(APPLIED).untilAsserted(() -> {
            assertThat(health(healthy).getLong("completed")).isEqualTo(12);
            assertThat(health(degraded).getLong("failed")).isEqualTo(1);
            assertThat(health(failing).getLong("failed")).isEqualTo(5);
            assertThat(health(quiet).getLong("completed")).isEqualTo(2);
        });
        assertThat(health(healthy).getString("status")).isEqualTo("HEALTHY");
        assertThat(health(healthy).getDouble("successRate")).isEqualTo(1.0);
        assertThat(health(degraded).getString("status")).isEqualTo("DEGRADED");
        assertThat(health(degraded).getList("evidence")).anySatisfy(line -> assertThat(line.toString())
                .contains("success rate 90.0 %"));
        assertThat(health(failing).getString("status")).isEqualTo("FAILING");
        assertThat(health(quiet).getString("status")).isEqualTo("NO_DATA");
        assertThat(deployments().getList("functionUnitId")).contains(healthy).doesNotContain(retired);
    }

    @Test
    void theConsumerSpanIsAChildOfTheEventsSpanAndWhatTheConsumerWritesCarriesIt() {
        String unit = UUID.randomUUID().toString();
        String trace = "5b8aa5a2d2c872e8321cf37308d69df2";
        String producerSpan = "051581bf3cb55c13";
        String correlation = UUID.randomUUID().toString();
        sender.send(workstation(EventType.FUNCTION_UNIT_CREATED, unit, new FunctionUnitCreated(unit, "Traced unit", null,
                "dev-ada", "general"), Instant.now()));
        try (TopicReader notifications = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                Topics.SYSTEM_NOTIFICATION_EVENTS)) {
            sender.send(workstation(EventType.FUNCTION_UNIT_PUBLISHED, unit, new FunctionUnitPublished(unit,
                    "Traced unit", "1.0.0", null, "b".repeat(64), JsonNodeFactory.instance.objectNode()), Instant.now())
                    .withCorrelationId(correlation).withTraceparent("00-" + trace + "-" + producerSpan + "-01"));

            // the inventory's consumer asks admins to deploy the new version: that event is in the same trace
            await().atMost(APPLIED).until(() -> !notifications.matching(r -> decoded(r.value())
                    .map(e -> correlation.equals(e.correlationid())).orElse(false)).isEmpty());
            EventEnvelope<?> caused = EventCodec.shared().deserialize(notifications.matching(r -> decoded(r.value())
                    .map(e -> correlation.equals(e.correlationid())).orElse(false)).get(0).value());
            String causedSpan = caused.traceparent().split("-")[2];
            assertThat(caused.traceparent()).startsWith("00-" + trace + "-");

            // … and its span is the inventory consumer's, whose parent is the producer's span
            await().atMost(APPLIED).untilAsserted(() -> assertThat(consumerSpans(trace, "function-unit-inventory"))
                    .isNotEmpty());
            SpanData consumer = consumerSpans(trace, "function-unit-inventory").get(0);
            assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(consumer.getParentSpanId()).isEqualTo(producerSpan);
            assertThat(consumer.getSpanId()).isEqualTo(causedSpan);
            // every consumer of the topic that applied it made its own child span of the same producer span
            await().atMost(APPLIED).untilAsserted(() -> assertThat(consumerSpans(trace, "operations-timeline"))
                    .singleElement().satisfies(s -> assertThat(s.getParentSpanId()).isEqualTo(producerSpan)));
        }
    }

    private List<SpanData> consumerSpans(String trace, String consumer) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(trace))
                .filter(s -> s.getName().startsWith(consumer + " apply")).toList();
    }

    private static java.util.Optional<EventEnvelope<?>> decoded(byte[] value) {
        try {
            return java.util.Optional.of(EventCodec.shared().deserialize(value));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String deployedUnit(String name) {
        String unit = UUID.randomUUID().toString();
        sender.send(adminCenter(EventType.FUNCTION_UNIT_DEPLOYED, unit, new FunctionUnitDeployed(unit, name, "1.0.0",
                "production", "admin-bob", UUID.randomUUID().toString(), null), Instant.now().minusSeconds(30)));
        await().atMost(APPLIED).untilAsserted(() -> assertThat(timeline("functionUnitId=" + unit).getLong("total"))
                .isEqualTo(1));
        return unit;
    }

    private static void runs(String unit, int completed, int failed) {
        runs(unit, completed, failed, "1.0.0");
    }

    private static void runs(String unit, int completed, int failed, String version) {
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < completed + failed; i++) {
            UUID id = UUID.randomUUID();
            events.add(portal(EventType.WORKFLOW_EXECUTION_STARTED, id, new ExecutionStarted(id.toString(), unit, version,
                    "user-1", JsonNodeFactory.instance.objectNode())));
            events.add(i < completed
                    ? portal(EventType.WORKFLOW_EXECUTION_COMPLETED, id, new ExecutionCompleted(id.toString(), unit,
                            JsonNodeFactory.instance.objectNode(), 40))
                    : portal(EventType.WORKFLOW_EXECUTION_FAILED, id, new ExecutionFailed(id.toString(), unit, "call",
                            "answered 500", 40)).withStatus(Status.FAILED));
        }
        events.forEach(sender::send);
    }

    private static JsonPath timeline(String query) {
        return Authorized.as(Roles.OPS).get("/api/v1/ops/timeline?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath deployments() {
        return Authorized.as(Roles.OPS).get("/api/v1/ops/deployments").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath health(String unit) {
        List<Map<String, Object>> all = deployments().getList("$");
        Map<String, Object> mine = all.stream().filter(d -> unit.equals(d.get("functionUnitId"))).findFirst()
                .orElse(Map.of("completed", 0, "failed", 0));
        return JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(mine).toString());
    }

    private static <P extends EventPayload> EventEnvelope<P> workstation(EventType type, String unit, P payload,
            Instant time) {
        return EventEnvelope.of(type, unit, payload).withSource(SourceModule.WORKSTATION).withUserId("dev-ada")
                .withTime(time);
    }

    private static <P extends EventPayload> EventEnvelope<P> adminCenter(EventType type, String unit, P payload,
            Instant time) {
        return EventEnvelope.of(type, unit, payload).withSource(SourceModule.ADMIN_CENTER).withUserId("admin-bob")
                .withTime(time);
    }

    private static <P extends EventPayload> EventEnvelope<P> portal(EventType type, UUID execution, P payload) {
        return EventEnvelope.of(type, execution.toString(), payload).withSource(SourceModule.PORTAL)
                .withUserId("user-1").withTime(Instant.now());
    }
}
