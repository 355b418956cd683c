package io.lowcode.portal.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.ExecutionFailed;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.StepCompleted;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.TopicReader;
import io.lowcode.portal.access.AccessEvents;
import io.lowcode.portal.function.FunctionUnitEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Executions on the real Kafka and PostgreSQL, with a real local HTTP peer for http steps: steps run in order and
 * are announced in order, a failing step fails the execution, retirement interrupts running executions and tells
 * their users.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ExecutionTest {

    private static final Duration DONE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer peer;
    private static String peerUrl;
    private static TopicReader executionsTopic;

    @BeforeAll
    static void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/echo", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            byte[] answer = ("{\"received\":" + (body.length == 0 ? "null" : new String(body, StandardCharsets.UTF_8))
                    + ",\"approved\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        peer.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        peer.start();
        peerUrl = "http://127.0.0.1:" + peer.getAddress().getPort();
        executionsTopic = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                Topics.WORKFLOW_EXECUTION_EVENTS);
    }

    @AfterAll
    static void stopPeer() {
        peer.stop(0);
        executionsTopic.close();
    }

    @Test
    void aWorkflowRunsItsStepsInOrderAndAnnouncesThemInOrder() throws Exception {
        UUID unit = deploy(Map.of("steps", List.of(
                Map.of("name", "prepare", "kind", "transform",
                        "set", Map.of("amount", "${/input/amount}", "note", "claim of ${/input/amount} EUR")),
                Map.of("name", "approve", "kind", "http", "method", "POST", "url", peerUrl + "/echo",
                        "body", Map.of("amount", "${/steps/prepare/amount}"), "timeoutMs", 2000),
                Map.of("name", "decide", "kind", "branch",
                        "if", Map.of("path", "/steps/approve/body/approved", "op", "eq", "value", true),
                        "then", "book", "else", "reject"),
                Map.of("name", "reject", "kind", "fail", "message", "not approved"),
                Map.of("name", "book", "kind", "transform", "set", Map.of("booked", "${/steps/prepare/amount}")))));
        Response started = AccessEvents.asPowerUser().contentType(ContentType.JSON)
                .body(Map.of("input", Map.of("amount", 120))).post("/api/v1/functions/{id}/executions", unit);
        started.then().statusCode(202).body("status", equalTo("RUNNING"))
                .header("Location", containsString("/api/v1/executions/"));
        String id = started.jsonPath().getString("id");

        JsonPath done = awaitEnd(id);
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getList("steps.name")).containsExactly("prepare", "approve", "decide", "book");
        assertThat(done.getInt("output.booked")).isEqualTo(120);
        assertThat(done.getString("steps[0].output.note")).isEqualTo("claim of 120 EUR");
        assertThat(done.getInt("steps[1].output.body.received.amount")).isEqualTo(120);

        List<EventEnvelope<?>> events = awaitEvents(id, 6);
        assertThat(events).extracting(EventEnvelope::type).containsExactly(EventType.WORKFLOW_EXECUTION_STARTED,
                EventType.WORKFLOW_STEP_COMPLETED, EventType.WORKFLOW_STEP_COMPLETED, EventType.WORKFLOW_STEP_COMPLETED,
                EventType.WORKFLOW_STEP_COMPLETED, EventType.WORKFLOW_EXECUTION_COMPLETED);
        assertThat(events.subList(1, 5)).extracting(e -> ((StepCompleted) e.payload()).stepName())
                .containsExactly("prepare", "approve", "decide", "book");
        assertThat(events).allSatisfy(e -> assertThat(e.userid()).isEqualTo(AccessEvents.powerUser().toString()));
    }

    @Test
    void aFailingStepFailsTheExecutionWithItsError() {
        UUID unit = deploy(Map.of("steps", List.of(
                Map.of("name", "first", "kind", "transform", "set", Map.of("x", 1)),
                Map.of("name", "call", "kind", "http", "url", peerUrl + "/broken"),
                Map.of("name", "never", "kind", "transform", "set", Map.of("y", 2)))));
        String id = startAsPowerUser(unit, Map.of());
        JsonPath done = awaitEnd(id);
        assertThat(done.getString("status")).isEqualTo("FAILED");
        assertThat(done.getString("failedStep")).isEqualTo("call");
        assertThat(done.getString("error")).contains("answered 500");
        assertThat(done.getList("steps.name")).containsExactly("first");

        List<EventEnvelope<?>> events = awaitEvents(id, 3);
        assertThat(events).extracting(EventEnvelope::type).containsExactly(EventType.WORKFLOW_EXECUTION_STARTED,
                EventType.WORKFLOW_STEP_COMPLETED, EventType.WORKFLOW_EXECUTION_FAILED);
        assertThat(((ExecutionFailed) events.get(2).payload()).failedStep()).isEqualTo("call");
    }

    @Test
    void retiringTheUnitInterruptsItsRunningExecutionsAndTellsTheirUsers() throws Exception {
        UUID unit = deploy(Map.of("steps", List.of(
                Map.of("name", "hold", "kind", "wait", "ms", 20000),
                Map.of("name", "after", "kind", "transform", "set", Map.of("late", true)))));
        String id = startAsPowerUser(unit, Map.of());
        AccessEvents.asPowerUser().get("/api/v1/executions/{id}", id).then().statusCode(200)
                .body("status", equalTo("RUNNING"));

        try (FunctionUnitEvents events = new FunctionUnitEvents();
                TopicReader notifications = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                        Topics.SYSTEM_NOTIFICATION_EVENTS)) {
            events.send(FunctionUnitEvents.retired(unit, "held-" + unit, "1.0.0"));
            JsonPath done = awaitEnd(id);
            assertThat(done.getString("status")).isEqualTo("INTERRUPTED");
            assertThat(done.getString("error")).contains("was retired");
            assertThat(awaitEvents(id, 2)).extracting(EventEnvelope::type)
                    .containsExactly(EventType.WORKFLOW_EXECUTION_STARTED, EventType.WORKFLOW_EXECUTION_INTERRUPTED);

            await().atMost(DONE).until(() -> notifications.matching(r -> new String(r.value(), StandardCharsets.UTF_8)
                    .contains(id)).size() == 1);
            NotificationRequested told = (NotificationRequested) EventCodec.shared().deserialize(notifications
                    .matching(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)).get(0).value()).payload();
            assertThat(told.template()).isEqualTo("execution-interrupted");
            assertThat(told.recipients().users()).containsExactly(AccessEvents.powerUser().toString());
            assertThat(told.parameters()).containsEntry("executions", id);
        }
        AccessEvents.asPowerUser().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/functions/{id}/executions", unit).then().statusCode(404);
    }

    @Test
    void startingNeedsThePermissionAValidInputAndARunnableDefinition() {
        UUID unit = deploy(Map.of("steps", List.of(Map.of("name", "only", "kind", "transform", "set", Map.of()))));
        UUID stranger = AccessEvents.newUser(List.of(Roles.USER));
        AccessEvents.as(stranger).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/functions/{id}/executions", unit).then().statusCode(403)
                .body("permission", equalTo("function-unit:" + unit + ":execute"));
        AccessEvents.asPowerUser().contentType(ContentType.JSON).body(Map.of("input", List.of(1)))
                .post("/api/v1/functions/{id}/executions", unit).then().statusCode(400);
        AccessEvents.asPowerUser().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/functions/{id}/executions", UUID.randomUUID()).then().statusCode(404);

        String mine = startAsPowerUser(unit, Map.of());
        AccessEvents.as(stranger).get("/api/v1/executions/{id}", mine).then().statusCode(404);

        UUID broken = deploy(Map.of("steps", List.of(Map.of("name", "x", "kind", "teleport"))));
        Response failed = AccessEvents.asPowerUser().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/functions/{id}/executions", broken);
        failed.then().statusCode(202).body("status", equalTo("FAILED")).body("error", containsString("teleport"));
    }

    @Test
    void aUserCancelsTheirRunningExecutionAtOnceAndOnlyAnAdminMayCancelAnothers() {
        UUID unit = deploy(Map.of("steps", List.of(Map.of("name", "hold", "kind", "wait", "ms", 20000))));
        String mine = startAsPowerUser(unit, Map.of());
        AccessEvents.asPowerUser().post("/api/v1/executions/{id}/cancellation", mine).then().statusCode(200)
                .body("status", equalTo("INTERRUPTED")).body("error", equalTo("cancelled by its user"));
        assertThat(awaitEvents(mine, 2)).extracting(EventEnvelope::type)
                .containsExactly(EventType.WORKFLOW_EXECUTION_STARTED, EventType.WORKFLOW_EXECUTION_INTERRUPTED);
        // the 20 s wait was abandoned: nothing follows the interruption
        AccessEvents.asPowerUser().post("/api/v1/executions/{id}/cancellation", mine).then().statusCode(409)
                .body("type", equalTo("urn:lowcode:problem:not-running"));

        String another = startAsPowerUser(unit, Map.of());
        UUID stranger = AccessEvents.newUser(List.of(Roles.USER));
        AccessEvents.as(stranger).post("/api/v1/executions/{id}/cancellation", another).then().statusCode(404);
        UUID admin = AccessEvents.newUser(List.of(Roles.USER, Roles.ADMIN));
        AccessEvents.as(admin).post("/api/v1/executions/{id}/cancellation", another).then().statusCode(200)
                .body("status", equalTo("INTERRUPTED")).body("error", containsString("administrator"));
    }

    @Test
    void aDefinitionThatIsNotTheApprovedContentIsNotRun() {
        UUID unit = UUID.randomUUID();
        JsonNode published = JSON.valueToTree(Map.of("steps", List.of(Map.of("name", "a", "kind", "transform",
                "set", Map.of("x", 1)))));
        JsonNode approved = JSON.valueToTree(Map.of("steps", List.of(Map.of("name", "a", "kind", "transform",
                "set", Map.of("x", 2)))));
        try (FunctionUnitEvents events = new FunctionUnitEvents()) {
            events.send(FunctionUnitEvents.published(unit, "held-" + unit, "1.0.0", published));
            events.send(FunctionUnitEvents.deployed(unit, "held-" + unit, "1.0.0",
                    io.lowcode.eventschema.definition.ContentDigest.of(approved)));
        }
        await().atMost(DONE).untilAsserted(() -> AccessEvents.asPowerUser().get("/api/v1/functions/{id}", unit)
                .then().statusCode(200));
        AccessEvents.asPowerUser().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/functions/{id}/executions", unit).then().statusCode(409)
                .body("type", equalTo("urn:lowcode:problem:definition-digest-mismatch"));

        UUID same = UUID.randomUUID();
        try (FunctionUnitEvents events = new FunctionUnitEvents()) {
            events.send(FunctionUnitEvents.published(same, "held-" + same, "1.0.0", published));
            events.send(FunctionUnitEvents.deployed(same, "held-" + same, "1.0.0",
                    io.lowcode.eventschema.definition.ContentDigest.of(published)));
        }
        await().atMost(DONE).untilAsserted(() -> AccessEvents.asPowerUser().get("/api/v1/functions/{id}", same)
                .then().statusCode(200));
        assertThat(awaitEnd(startAsPowerUser(same, Map.of())).getString("status")).isEqualTo("COMPLETED");
    }

    @Test
    void overLongTextsNeverLeaveAnExecutionRunning() {
        UUID longMessage = deploy(Map.of("steps", List.of(Map.of("name", "boom", "kind", "fail",
                "message", "${/input/m}"))));
        JsonPath failed = awaitEnd(startAsPowerUser(longMessage, Map.of("m", "m".repeat(100_000))));
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).hasSizeLessThanOrEqualTo(4000).startsWith("mmm");

        UUID longName = deploy(Map.of("steps", List.of(Map.of("name", "n".repeat(5000), "kind", "transform",
                "set", Map.of()))));
        AccessEvents.asPowerUser().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/functions/{id}/executions", longName).then().statusCode(202)
                .body("status", equalTo("FAILED")).body("error", containsString("step name"));

        UUID badUrl = deploy(Map.of("steps", List.of(Map.of("name", "call", "kind", "http",
                "url", "http://127.0.0.1:${/input/port}/echo"))));
        JsonPath malformed = awaitEnd(startAsPowerUser(badUrl, Map.of("port", "80a")));
        assertThat(malformed.getString("status")).isEqualTo("FAILED");
        assertThat(malformed.getString("failedStep")).isEqualTo("call");
        assertThat(malformed.getString("error")).contains("not a valid URL");
    }

    private static String startAsPowerUser(UUID unit, Map<String, Object> input) {
        return AccessEvents.asPowerUser().contentType(ContentType.JSON).body(Map.of("input", input))
                .post("/api/v1/functions/{id}/executions", unit).then().statusCode(202).extract().jsonPath()
                .getString("id");
    }

    private static JsonPath awaitEnd(String id) {
        await().atMost(DONE).untilAsserted(() -> assertThat(AccessEvents.asPowerUser()
                .get("/api/v1/executions/{id}", id).then().statusCode(200).extract().jsonPath().getString("status"))
                .isNotEqualTo("RUNNING"));
        return AccessEvents.asPowerUser().get("/api/v1/executions/{id}", id).then().extract().jsonPath();
    }

    private static List<EventEnvelope<?>> awaitEvents(String id, int count) {
        await().atMost(DONE).until(() -> executionsTopic.matching(r -> id.equals(r.key())).size() >= count);
        return executionsTopic.matching(r -> id.equals(r.key())).stream()
                .<EventEnvelope<?>>map(r -> EventCodec.shared().deserialize(r.value())).toList();
    }

    /** Publishes and deploys a new unit with {@code definition}, as the workstation and admin center would. */
    private static UUID deploy(Map<String, Object> definition) {
        UUID unit = UUID.randomUUID();
        JsonNode json = JSON.valueToTree(definition);
        try (FunctionUnitEvents events = new FunctionUnitEvents()) {
            events.send(FunctionUnitEvents.published(unit, "held-" + unit, "1.0.0", json));
            events.send(FunctionUnitEvents.deployed(unit, "held-" + unit, "1.0.0"));
        }
        await().atMost(DONE).untilAsserted(() -> AccessEvents.asPowerUser().get("/api/v1/functions/{id}", unit)
                .then().statusCode(200));
        return unit;
    }
}
