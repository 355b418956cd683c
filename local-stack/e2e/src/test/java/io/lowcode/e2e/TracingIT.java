package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Seed §2.2.1 on the packaged platform: a client sends its requests with one W3C trace (a {@code traceparent} header);
 * every event of the flow, in all three services — the workstation's created and published, the admin center's
 * deployed and retired and the notifications it asks for, the portal's execution events and the interruption it
 * causes when it consumes the retirement — carries that trace, and each consumer's span (exported over OTLP) is a
 * child of the span that wrote the event it applied.
 */
class TracingIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private static RunningPlatform platform;
    private static RunningPlatform.User user;

    @BeforeAll
    static void aUser() {
        platform = RunningPlatform.shared();
        user = platform.newUser("e2e-traced", List.of(Roles.USER, Roles.POWER_USER));
    }

    @Test
    void oneTraceRunsFromTheRequestsThroughEveryEventAndEveryConsumerSpanIsAChildOfItsProducer() {
        String trace = HexFormat.of().formatHex(randomBytes(16));
        String unit = traced(platform.asAdmin(platform.workstation()), trace).contentType(ContentType.JSON)
                .body(Map.of("name", "Traced flow", "definition", Map.of("steps",
                        List.of(Map.of("name", "hold", "kind", "wait", "ms", 60000)))))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
        traced(platform.asAdmin(platform.workstation()), trace).contentType(ContentType.JSON)
                .body(Map.of("version", "1.0.0")).post("/api/v1/function-units/" + unit + "/versions")
                .then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> traced(platform.asAdmin(platform.adminCenter()), trace)
                .contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + unit + "/deployments").then().statusCode(201));
        await().atMost(PROPAGATION).untilAsserted(() -> RunningPlatform.as(user.token(), platform.portal())
                .get("/api/v1/functions/" + unit).then().statusCode(200));
        String execution = traced(RunningPlatform.as(user.token(), platform.portal()), trace)
                .contentType(ContentType.JSON).body(Map.of("input", Map.of()))
                .post("/api/v1/functions/" + unit + "/executions").then().statusCode(202).extract().jsonPath()
                .getString("id");
        traced(platform.asAdmin(platform.adminCenter()), trace).contentType(ContentType.JSON)
                .body(Map.of("reason", "traced to the end")).post("/api/v1/function-units/" + unit + "/retirement")
                .then().statusCode(200);
        await().atMost(PROPAGATION).untilAsserted(() -> RunningPlatform.as(user.token(), platform.portal())
                .get("/api/v1/executions/" + execution).then().body("status", equalTo("INTERRUPTED")));

        String bootstrap = platform.stack().kafka().bootstrapServers();
        try (TopicReader lifecycle = new TopicReader(bootstrap, Topics.FUNCTION_UNIT_EVENTS);
                TopicReader executions = new TopicReader(bootstrap, Topics.WORKFLOW_EXECUTION_EVENTS);
                TopicReader notifications = new TopicReader(bootstrap, Topics.SYSTEM_NOTIFICATION_EVENTS)) {
            // every lifecycle event of the unit, from the workstation and the admin center
            await().atMost(PROPAGATION).untilAsserted(() -> assertThat(events(lifecycle, unit))
                    .extracting(e -> e.type().type()).contains("function-unit.created", "function-unit.published",
                            "function-unit.deployed", "function-unit.retired"));
            List<EventEnvelope<?>> unitEvents = events(lifecycle, unit);
            // the portal's execution events, the interruption written by its consumer of the retirement included
            await().atMost(PROPAGATION).untilAsserted(() -> assertThat(events(executions, execution))
                    .extracting(e -> e.type().type())
                    .contains("workflow.execution-started", "workflow.execution-interrupted"));
            List<EventEnvelope<?>> executionEvents = events(executions, execution);
            // notifications about the unit: admins asked to deploy (the inventory's consumer), power users told it
            // is deployed and retired (the admin center's requests), the user told of the interruption (the portal)
            await().atMost(PROPAGATION).untilAsserted(() -> assertThat(notificationsAbout(notifications, unit))
                    .hasSizeGreaterThanOrEqualTo(3));
            List<EventEnvelope<?>> notified = notificationsAbout(notifications, unit);

            for (EventEnvelope<?> event : concat(unitEvents, executionEvents, notified)) {
                assertThat(event.traceparent()).as(event.type().type() + " from " + event.source())
                        .startsWith("00-" + trace + "-");
            }
            assertThat(notified).extracting(EventEnvelope::source).contains("/lowcode/admin-center", "/lowcode/portal");

            // consumer spans, as the services exported them: each a child of the span that wrote the event
            EventEnvelope<?> deployed = only(unitEvents, EventType.FUNCTION_UNIT_DEPLOYED);
            EventEnvelope<?> retired = only(unitEvents, EventType.FUNCTION_UNIT_RETIRED);
            EventEnvelope<?> published = only(unitEvents, EventType.FUNCTION_UNIT_PUBLISHED);
            EventEnvelope<?> interrupted = only(executionEvents, EventType.WORKFLOW_EXECUTION_INTERRUPTED);
            await().atMost(PROPAGATION).untilAsserted(() -> {
                assertThat(consumerSpans(trace, "portal", span(deployed))).as("portal applying deployed").isNotEmpty();
                assertThat(consumerSpans(trace, "workstation", span(deployed))).as("workstation applying deployed")
                        .isNotEmpty();
                assertThat(consumerSpans(trace, "admin-center", span(published))).as("admin center applying published")
                        .isNotEmpty();
                assertThat(consumerSpans(trace, "portal", span(retired))).as("portal applying retired").isNotEmpty();
            });
            // the interruption was written inside the portal's consumer span of the retirement
            assertThat(consumerSpans(trace, "portal", span(retired))).extracting(TraceReceiver.ReceivedSpan::spanId)
                    .contains(span(interrupted));
        }
    }

    private static List<TraceReceiver.ReceivedSpan> consumerSpans(String trace, String service, String parent) {
        return platform.traces().trace(trace).stream().filter(s -> s.service().equals(service))
                .filter(s -> s.kind().equals("SPAN_KIND_CONSUMER")).filter(s -> s.parentSpanId().equals(parent))
                .toList();
    }

    private static RequestSpecification traced(RequestSpecification request, String trace) {
        return request.header("traceparent", "00-" + trace + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");
    }

    private static List<EventEnvelope<?>> events(TopicReader reader, String subject) {
        return reader.matching(r -> subject.equals(r.key())).stream().map(TracingIT::decode).flatMap(Optional::stream)
                .toList();
    }

    private static List<EventEnvelope<?>> notificationsAbout(TopicReader reader, String unit) {
        return reader.poll().stream().map(TracingIT::decode).flatMap(Optional::stream)
                .filter(e -> e.type() == EventType.NOTIFICATION_REQUESTED)
                .filter(e -> e.data().payload().toString().contains(unit)).toList();
    }

    private static Optional<EventEnvelope<?>> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(EventCodec.shared().deserialize(record.value()));
        } catch (RuntimeException notAnEvent) {
            return Optional.empty();
        }
    }

    private static EventEnvelope<?> only(List<EventEnvelope<?>> events, EventType type) {
        List<EventEnvelope<?>> ofType = events.stream().filter(e -> e.type() == type).toList();
        assertThat(ofType).as(type.type()).hasSize(1);
        return ofType.get(0);
    }

    /** The span id in an event's traceparent: the span that wrote it. */
    private static String span(EventEnvelope<?> event) {
        return event.traceparent().split("-")[2];
    }

    @SafeVarargs
    private static List<EventEnvelope<?>> concat(List<EventEnvelope<?>>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros (an invalid id)
        return bytes;
    }
}
