package io.lowcode.workstation.functionunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.localstack.testing.Authorized;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.auth.JwtSigner;
import io.lowcode.localstack.testing.EventSender;
import io.lowcode.localstack.testing.PrometheusText;
import io.lowcode.localstack.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class FunctionUnitApiTest {

    private static final EventCodec CODEC = EventCodec.shared();
    private static TopicReader functionUnitEvents;

    @BeforeAll
    static void readTopic() {
        functionUnitEvents = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                Topics.FUNCTION_UNIT_EVENTS);
    }

    @AfterAll
    static void closeReader() {
        functionUnitEvents.close();
    }

    @Test
    void creatingAUnitCommitsItAndPublishesFunctionUnitCreatedWithTheCallersCorrelation() {
        String correlation = UUID.randomUUID().toString();
        Response created = Authorized.asUser("dev-ada", Roles.DEVELOPER).contentType(ContentType.JSON)
                .header("X-Correlation-Id", correlation)
                .body(Map.of("name", "Invoice approval", "description", "routes invoices",
                        "definition", Map.of("steps", List.of(Map.of("kind", "transform")))))
                .post("/api/v1/function-units");
        created.then().statusCode(201)
                .header("X-Event-Delivery", "published")
                .header("Location", startsWith("http"))
                .body("name", equalTo("Invoice approval"))
                .body("ownerId", equalTo("dev-ada"))
                .body("category", equalTo("uncategorized"));
        String id = created.jsonPath().getString("id");

        EventEnvelope<?> event = eventFor(id, EventType.FUNCTION_UNIT_CREATED);
        assertThat(event.correlationid()).isEqualTo(correlation);
        assertThat(event.userid()).isEqualTo("dev-ada");
        assertThat(event.source()).isEqualTo(SourceModule.WORKSTATION.source());
        asDeveloper().get("/api/v1/function-units/" + id).then().statusCode(200).body("definition.steps[0].kind",
                equalTo("transform"));
    }

    @Test
    void theEventOfARequestCarriesItsTraceAsAChildSpanAndTheLoginSession() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        String token = LocalStackTestResource.tokens().token("dev-tracy", List.of(Roles.DEVELOPER));
        String id = RestAssured.given().header("Authorization", "Bearer " + token)
                .header("traceparent", "00-" + trace + "-" + callerSpan + "-01").contentType(ContentType.JSON)
                .body(Map.of("name", "Traced", "definition", Map.of("steps", List.of())))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");

        EventEnvelope<?> event = eventFor(id, EventType.FUNCTION_UNIT_CREATED);
        // same trace, the service's own (server) span: a child of the caller's, not the caller's itself
        assertThat(event.traceparent()).matches("00-" + trace + "-[0-9a-f]{16}-01")
                .doesNotContain(callerSpan);
        assertThat(event.sessionid()).isEqualTo(JwtSigner.claim(token, "sid")).isNotBlank();
    }

    @Test
    void aRequestWithoutTraceContextStartsATraceOfItsOwn() {
        String id = createUnit("Untraced", Map.of());
        assertThat(eventFor(id, EventType.FUNCTION_UNIT_CREATED).traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void publishingSnapshotsTheDraftWithItsDigestAndLaterEditsDoNotChangeIt() {
        String id = createUnit("Expense report", Map.of("b", 2, "a", 1));
        asDeveloper().contentType(ContentType.JSON).body(Map.of("version", "1.0.0", "changelog", "first"))
                .post("/api/v1/function-units/" + id + "/versions")
                .then().statusCode(201).header("X-Event-Delivery", "published")
                .body("deploymentStatus", equalTo("PUBLISHED"));
        asDeveloper().contentType(ContentType.JSON).body(Map.of("definition", Map.of("a", 99)))
                .put("/api/v1/function-units/" + id).then().statusCode(200).body("definition.a", equalTo(99));

        FunctionUnitPublished published = eventFor(id, EventType.FUNCTION_UNIT_PUBLISHED)
                .payloadAs(FunctionUnitPublished.class);
        assertThat(published.version()).isEqualTo("1.0.0");
        assertThat(published.definition().get("a").asInt()).isEqualTo(1);
        // SHA-256 of {"a":1,"b":2}: keys sorted, so the digest does not depend on the order they came in
        assertThat(published.contentDigest())
                .isEqualTo("43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777");
        asDeveloper().get("/api/v1/function-units/" + id).then().body("versions[0].contentDigest",
                equalTo(published.contentDigest()));
    }

    @Test
    void theSameVersionPublishedTwiceAtOnceExistsOnceWithOneEvent() throws Exception {
        String id = createUnit("Race", Map.of("x", 1));
        List<CompletableFuture<Integer>> attempts = List.of(publishAsync(id), publishAsync(id), publishAsync(id));
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(statuses).containsExactly(201, 409, 409);
        assertThat(outboxRows(id, EventType.FUNCTION_UNIT_PUBLISHED)).isEqualTo(1);
    }

    @Test
    void theAdminCentersDeployAndRetireShowInTheVersionsStatus() throws Exception {
        String id = createUnit("Leave request", Map.of("steps", List.of()));
        asDeveloper().contentType(ContentType.JSON).body(Map.of("version", "2.1.0"))
                .post("/api/v1/function-units/" + id + "/versions").then().statusCode(201);

        send(EventEnvelope.of(EventType.FUNCTION_UNIT_DEPLOYED, id, new FunctionUnitDeployed(id, "Leave request",
                "2.1.0", "production", "admin-bob", UUID.randomUUID().toString(), null)).withSource(SourceModule.ADMIN_CENTER));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asDeveloper().get("/api/v1/function-units/" + id)
                .then().body("versions[0].deploymentStatus", equalTo("DEPLOYED")));

        send(EventEnvelope.of(EventType.FUNCTION_UNIT_RETIRED, id, new FunctionUnitRetired(id, "Leave request",
                "2.1.0", "replaced", "admin-bob")).withSource(SourceModule.ADMIN_CENTER));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asDeveloper().get("/api/v1/function-units/" + id)
                .then().body("versions[0].deploymentStatus", equalTo("RETIRED")));
    }

    @Test
    void publishedAndConsumedEventsAreCountedInThePrometheusMetrics() throws Exception {
        String id = createUnit("Metered", Map.of());
        asDeveloper().contentType(ContentType.JSON).body(Map.of("version", "0.1.0"))
                .post("/api/v1/function-units/" + id + "/versions").then().statusCode(201);
        send(EventEnvelope.of(EventType.FUNCTION_UNIT_DEPLOYED, id, new FunctionUnitDeployed(id, "Metered", "0.1.0",
                "production", "admin-bob", UUID.randomUUID().toString(), null)).withSource(SourceModule.ADMIN_CENTER));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asDeveloper().get("/api/v1/function-units/" + id)
                .then().body("versions[0].deploymentStatus", equalTo("DEPLOYED")));

        String metrics = io.lowcode.localstack.testing.Management.management().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(counter(metrics, "lowcode_events_published_total{outcome=\"acknowledged\",type=\"function-unit.created\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(counter(metrics, "lowcode_events_consumed_total{outcome=\"applied\",type=\"function-unit.deployed\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("lowcode_events_publish_latency_seconds_count{type=\"function-unit.published\"}")
                .contains("lowcode_events_processing_seconds_count{type=\"function-unit.deployed\"}")
                .contains("lowcode_outbox_pending ");
    }

    private static double counter(String metrics, String series) {
        return PrometheusText.value(metrics, series)
                .orElseThrow(() -> new AssertionError("no series " + series + " in /q/metrics"));
    }

    @Test
    void clientMistakesAnswerProblemJsonNamingTheField() {
        asDeveloper().contentType(ContentType.JSON).body(Map.of("definition", Map.of()))
                .post("/api/v1/function-units").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("name"));
        asDeveloper().contentType(ContentType.JSON).body(Map.of("name", "x".repeat(101), "definition", Map.of()))
                .post("/api/v1/function-units").then().statusCode(400).body("errors.field", hasItem("name"));
        asDeveloper().contentType(ContentType.JSON).body(Map.of("name", "ok", "definition", List.of(1, 2)))
                .post("/api/v1/function-units").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("definition"));
        Authorized.asUser("u".repeat(200), Roles.DEVELOPER).contentType(ContentType.JSON)
                .body(Map.of("name", "ok", "definition", Map.of()))
                .post("/api/v1/function-units").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("sub"));
        asDeveloper().contentType(ContentType.JSON).body("{\"name\": \"broken\", ")
                .post("/api/v1/function-units").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:lowcode:problem:invalid-json"));

        String id = createUnit("Validation", Map.of());
        asDeveloper().contentType(ContentType.JSON).body(Map.of("version", "1.0"))
                .post("/api/v1/function-units/" + id + "/versions").then().statusCode(400)
                .body("errors.field", hasItem("version"));
        asDeveloper().contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + UUID.randomUUID() + "/versions").then().statusCode(404)
                .contentType("application/problem+json");
        asDeveloper().get("/api/v1/function-units/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("urn:lowcode:problem:not-found"));
        asDeveloper().get("/api/v1/function-units/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        asDeveloper().contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + id + "/versions").then().statusCode(201);
        asDeveloper().contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + id + "/versions").then().statusCode(409)
                .body("type", equalTo("urn:lowcode:problem:version-exists"));
    }

    private static CompletableFuture<Integer> publishAsync(String id) {
        return CompletableFuture.supplyAsync(() -> asDeveloper().contentType(ContentType.JSON)
                .body(Map.of("version", "3.0.0")).post("/api/v1/function-units/" + id + "/versions").statusCode());
    }

    private static String createUnit(String name, Map<String, ?> definition) {
        return asDeveloper().contentType(ContentType.JSON).body(Map.of("name", name, "definition", definition))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static EventEnvelope<?> eventFor(String subject, EventType type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !matching(subject, type).isEmpty());
        List<ConsumerRecord<String, byte[]>> records = matching(subject, type);
        assertThat(records).hasSize(1);
        assertThat(TopicReader.header(records.get(0), "content-type")).isEqualTo(EventEnvelope.CONTENT_TYPE);
        return CODEC.deserialize(records.get(0).value());
    }

    private static List<ConsumerRecord<String, byte[]>> matching(String subject, EventType type) {
        return functionUnitEvents.matching(r -> subject.equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"type\":\"" + type.type() + "\""));
    }

    private static void send(EventEnvelope<?> event) {
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers())) {
            sender.send(event);
        }
    }

    private static int outboxRows(String subject, EventType type) throws Exception {
        try (Connection c = LocalStackTestResource.stack().postgres().connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM workstation.outbox_event WHERE event_key = ? AND event_type = ?")) {
            s.setString(1, subject);
            s.setString(2, type.type());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static RequestSpecification asDeveloper() {
        return Authorized.as(Roles.DEVELOPER);
    }
}
