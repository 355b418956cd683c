package io.lowcode.admincenter.ops.deadletter;

import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.WAIT;
import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.client;
import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.deadLetter;
import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.indexed;
import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.admincenter.api.DeadLetter;
import io.lowcode.admincenter.api.DeadLetterCoordinates;
import io.lowcode.admincenter.functionunit.FunctionUnitEvents;
import io.lowcode.admincenter.functionunit.messaging.FunctionUnitEventsConsumer;
import io.lowcode.admincenter.notification.messaging.UndeliverableNotifications;
import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The dead-letter index: every record of every dead-letter topic is listed with where it came from and why — read
 * leniently, since a dead letter is often not a valid event — and shown in full, to ops and admins.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class DeadLetterBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theIndexReadsEveryDeadLetterTopicOfTheCatalog() {
        String configured = ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.dead-letter-index.topics", String.class);
        assertThat(List.of(configured.split(","))).containsExactlyInAnyOrderElementsOf(
                TopicCatalog.all().stream().filter(TopicSpec::deadLetter).map(TopicSpec::name).toList());
    }

    @Test
    void poisonRecordsAreListedWithReasonFieldAndWhereTheyCameFrom() throws Exception {
        String unitId = FunctionUnitEvents.newUnitId();
        byte[] notJson = "this is not JSON {".getBytes(StandardCharsets.UTF_8);
        var event = FunctionUnitEvents.created(unitId, "Nameless " + unitId);
        ObjectNode withoutName = (ObjectNode) JSON.readTree(EventCodec.shared().serialize(event));
        ((ObjectNode) withoutName.path("data").path("payload")).remove("name");
        byte[] schemaInvalid = JSON.writeValueAsBytes(withoutName);
        RecordMetadata malformed;
        RecordMetadata invalid;
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers())) {
            malformed = sender.send(Topics.FUNCTION_UNIT_EVENTS, null, unitId, notJson);
            invalid = sender.send(Topics.FUNCTION_UNIT_EVENTS, null, unitId, schemaInvalid);
        }

        await().atMost(WAIT).until(() -> listedFor(unitId).size() == 2);
        List<DeadLetter> listed = listedFor(unitId);
        DeadLetter schema = listed.stream().filter(d -> d.originalOffset() == invalid.offset()).findFirst().orElseThrow();
        assertThat(schema.topic()).isEqualTo(Topics.deadLetterOf(Topics.FUNCTION_UNIT_EVENTS));
        assertThat(schema.originalTopic()).isEqualTo(Topics.FUNCTION_UNIT_EVENTS);
        assertThat(schema.originalPartition()).isEqualTo(invalid.partition());
        assertThat(schema.kind()).isEqualTo(DeadLetters.KIND_INVALID);
        assertThat(schema.reason()).contains("SCHEMA_VIOLATION").contains("name");
        assertThat(schema.field()).isEqualTo("/data/payload/name");
        assertThat(schema.consumer()).isEqualTo(FunctionUnitEventsConsumer.CHANNEL);
        assertThat(schema.attempts()).isEqualTo(1);
        assertThat(schema.eventId()).isEqualTo(event.id());
        assertThat(schema.eventType()).isEqualTo("function-unit.created");
        assertThat(schema.eventTime()).isEqualTo(event.time());
        assertThat(schema.state()).isEqualTo("NEW");
        assertThat(schema.replayable()).isTrue();
        assertThat(schema.payload()).as("lists leave the payload out").isNull();

        DeadLetter garbage = listed.stream().filter(d -> d.originalOffset() == malformed.offset()).findFirst().orElseThrow();
        assertThat(garbage.reason()).contains("MALFORMED_JSON");
        assertThat(garbage.eventId()).isNull();
        assertThat(garbage.eventType()).isNull();

        DeadLetter detail = client(Roles.ADMIN).deadLetter(garbage.topic(), garbage.partition(), garbage.offset());
        assertThat(detail.payload()).isEqualTo("this is not JSON {");
        assertThat(detail.headers()).containsEntry(DeadLetters.KIND, DeadLetters.KIND_INVALID)
                .containsEntry(DeadLetters.OFFSET, Long.toString(malformed.offset()))
                .containsEntry("content-type", "application/cloudevents+json");
    }

    @Test
    void listsFilterByTopicTypeKindConsumerStateAndTime() {
        String consumer = "filter-test-" + System.nanoTime();
        DeadLetterCoordinates published = indexed(deadLetter(Topics.FUNCTION_UNIT_EVENTS, 1, 10, "k1",
                EventCodec.shared().serialize(FunctionUnitEvents.published(FunctionUnitEvents.newUnitId(), "F", "1.0.0")),
                DeadLetters.KIND_RETRIES_EXHAUSTED, consumer, "database down"));
        DeadLetterCoordinates invalid = indexed(deadLetter(Topics.USER_PERMISSION_EVENTS, 0, 11, "k2",
                "{}".getBytes(StandardCharsets.UTF_8), DeadLetters.KIND_INVALID, consumer, "MISSING_ATTRIBUTE"));

        assertThat(coordinates(Map.of("consumer", consumer))).containsExactlyInAnyOrder(published, invalid);
        assertThat(coordinates(Map.of("consumer", consumer, "topic", published.topic()))).containsExactly(published);
        assertThat(coordinates(Map.of("consumer", consumer, "type", "function-unit.published"))).containsExactly(published);
        assertThat(coordinates(Map.of("consumer", consumer, "kind", DeadLetters.KIND_INVALID))).containsExactly(invalid);
        assertThat(coordinates(Map.of("consumer", consumer, "state", "REPLAYED"))).isEmpty();
        assertThat(coordinates(Map.of("consumer", consumer, "from", "2000-01-01T00:00:00Z", "to", "2000-01-02T00:00:00Z")))
                .isEmpty();
        assertThat(client(Roles.OPS).deadLetters(null, null, null, consumer, "NEW", null, null, 0, 1))
                .satisfies(page -> {
                    assertThat(page.total()).isEqualTo(2);
                    assertThat(page.items()).hasSize(1);
                });
    }

    @Test
    void undeliverableNotificationsAreListedButCannotBeReplayed() {
        String notification = "n-" + System.nanoTime();
        DeadLetterCoordinates at = indexed(DeadLetterFixtures.send(Topics.deadLetterOf(Topics.SYSTEM_NOTIFICATION_EVENTS),
                notification, ("{\"notificationId\":\"" + notification + "\",\"eventId\":\"6f1c3e0a-51f4-4a57-9c43-"
                        + "3b0d3a6f0e11\",\"channel\":\"SMS\",\"reason\":\"no SMS provider configured\"}")
                        .getBytes(StandardCharsets.UTF_8),
                Map.of(DeadLetters.REASON, "no SMS provider configured", DeadLetters.KIND,
                        UndeliverableNotifications.KIND_UNDELIVERABLE, DeadLetters.CONSUMER, "notifier",
                        UndeliverableNotifications.CHANNEL_HEADER, "SMS")));

        DeadLetter letter = client(Roles.OPS).deadLetter(at.topic(), at.partition(), at.offset());
        assertThat(letter.kind()).isEqualTo(UndeliverableNotifications.KIND_UNDELIVERABLE);
        assertThat(letter.eventId()).isEqualTo("6f1c3e0a-51f4-4a57-9c43-3b0d3a6f0e11");
        assertThat(letter.originalTopic()).isNull();
        assertThat(letter.replayable()).isFalse();
        Authorized.asUser(DeadLetterFixtures.OPS, Roles.OPS).contentType(ContentType.JSON)
                .body(Map.of("records", List.of(at))).post("/api/v1/ops/dead-letters/replay").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:dead-letter-not-replayable"));
    }

    @Test
    void aValueThatIsNotTextIsShownInBase64() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, 2};
        DeadLetterCoordinates at = indexed(DeadLetterFixtures.send(Topics.deadLetterOf(Topics.WORKFLOW_EXECUTION_EVENTS),
                null, binary, Map.of()));

        DeadLetter letter = client(Roles.OPS).deadLetter(at.topic(), at.partition(), at.offset());
        assertThat(letter.payload()).isNull();
        assertThat(Base64.getDecoder().decode(letter.payloadBase64())).isEqualTo(binary);
        assertThat(letter.kind()).isNull();
        assertThat(letter.replayable()).isFalse();
    }

    @Test
    void badFiltersAndUnknownCoordinatesAreRefusedAndTheServiceStaysHealthy() {
        Map<String, String> bad = Map.of("topic", "user-permission-events", "kind", "exploded", "state", "LOST",
                "from", "yesterday", "size", "100000", "page", "-1", "type", "t".repeat(500));
        bad.forEach((parameter, value) -> Authorized.as(Roles.OPS).queryParam(parameter, value)
                .get("/api/v1/ops/dead-letters").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(parameter)));
        Authorized.as(Roles.OPS).queryParam("from", "2025-02-01T00:00:00Z").queryParam("to", "2025-01-01T00:00:00Z")
                .get("/api/v1/ops/dead-letters").then().statusCode(400).body("errors[0].field", equalTo("to"));

        Authorized.as(Roles.OPS).get("/api/v1/ops/dead-letters/function-unit-events.dlq/0/999999999").then()
                .statusCode(404).contentType("application/problem+json");
        Authorized.as(Roles.OPS).get("/api/v1/ops/dead-letters/not-a-topic/0/0").then().statusCode(404);
        Authorized.as(Roles.OPS).get("/api/v1/ops/dead-letters/function-unit-events.dlq/zero/0").then()
                .statusCode(400).body("errors[0].field", equalTo("partition"));
        Authorized.as(Roles.OPS).get("/api/v1/ops/dead-letters/function-unit-events.dlq/0/-5").then()
                .statusCode(400).body("errors[0].field", equalTo("offset"));

        io.lowcode.localstack.testing.Management.management().get("/q/health/live").then().statusCode(200);
        Authorized.as(Roles.OPS).get("/api/v1/ops/dead-letters").then().statusCode(200);
    }

    @Test
    void readsAreForOpsAndAdminsOnly() {
        Authorized.as(Roles.ADMIN).get("/api/v1/ops/dead-letters").then().statusCode(200);
        Authorized.as(Roles.OPS).get("/api/v1/ops/dead-letters").then().statusCode(200);
        Authorized.as(Roles.USER).get("/api/v1/ops/dead-letters").then().statusCode(403)
                .body("type", equalTo("urn:lowcode:problem:forbidden"));
        Authorized.as(Roles.DEVELOPER).get("/api/v1/ops/dead-letters/function-unit-events.dlq/0/0").then()
                .statusCode(403);
    }

    private static List<DeadLetter> listedFor(String key) {
        return client(Roles.OPS).deadLetters(Topics.deadLetterOf(Topics.FUNCTION_UNIT_EVENTS), null, null,
                FunctionUnitEventsConsumer.CHANNEL, null, null, null, 0, 200).items().stream()
                .filter(d -> key.equals(d.key())).toList();
    }

    private static List<DeadLetterCoordinates> coordinates(Map<String, String> filters) {
        return Authorized.as(Roles.OPS).queryParams(filters).get("/api/v1/ops/dead-letters").then().statusCode(200)
                .extract().jsonPath().getList("items", Map.class).stream()
                .map(item -> new DeadLetterCoordinates((String) item.get("topic"), (Integer) item.get("partition"),
                        ((Number) item.get("offset")).longValue()))
                .toList();
    }
}
