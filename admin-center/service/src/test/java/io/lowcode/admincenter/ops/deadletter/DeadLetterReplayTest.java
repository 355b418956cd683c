package io.lowcode.admincenter.ops.deadletter;

import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.OPS;
import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.WAIT;
import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.applied;
import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.client;
import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.deadLetter;
import static io.lowcode.admincenter.ops.deadletter.DeadLetterFixtures.indexed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.api.DeadLetter;
import io.lowcode.admincenter.api.DeadLetterActionResult;
import io.lowcode.admincenter.api.DeadLetterCoordinates;
import io.lowcode.admincenter.api.DeadLetterFilter;
import io.lowcode.admincenter.api.DeadLetterSelection;
import io.lowcode.admincenter.functionunit.FunctionUnitEvents;
import io.lowcode.admincenter.functionunit.messaging.FunctionUnitEventsConsumer;
import io.lowcode.admincenter.ops.deadletter.service.DeadLetterActions;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Replay and discard: a dead letter goes back to its original topic with its bytes, key and headers plus what it
 * replays and who replayed it, is applied once, and is not replayed twice unless forced; discarding marks it handled.
 * Both are audited; bad, unknown and huge selections are refused. The dead letters stand for what the inventory's
 * consumer wrote when its database failed for longer than the retry budget.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class DeadLetterReplayTest {

    private static final String INVENTORY = FunctionUnitEventsConsumer.CHANNEL;

    @Test
    void aRetriesExhaustedRecordReplayedAfterTheCauseIsFixedIsAppliedOnceAndASecondReplayIsRefused() {
        String unitId = FunctionUnitEvents.newUnitId();
        EventEnvelope<FunctionUnitCreated> created = FunctionUnitEvents.created(unitId, "Replayed " + unitId);
        byte[] bytes = EventCodec.shared().serialize(created);
        DeadLetterCoordinates at = indexed(deadLetter(Topics.FUNCTION_UNIT_EVENTS, 2, 40, unitId, bytes,
                DeadLetters.KIND_RETRIES_EXHAUSTED, INVENTORY, "Connection refused: /127.0.0.1:5432"));

        DeadLetterActionResult result = client(Roles.OPS).replayDeadLetters(new DeadLetterSelection(List.of(at), null, false));

        assertThat(result.records()).containsExactly(at);
        await().atMost(WAIT).until(() -> applied(INVENTORY, created.id()) == 1);
        assertThat(inventory(unitId)).isEqualTo("Replayed " + unitId);
        DeadLetter replayed = client(Roles.OPS).deadLetter(at.topic(), at.partition(), at.offset());
        assertThat(replayed.state()).isEqualTo("REPLAYED");
        assertThat(replayed.stateChangedBy()).isEqualTo(OPS);
        assertThat(replayed.replayCount()).isEqualTo(1);
        ConsumerRecord<String, byte[]> sent = replayOf(at).get(0);
        assertThat(sent.key()).isEqualTo(unitId);
        assertThat(sent.value()).isEqualTo(bytes);
        assertThat(TopicReader.header(sent, DeadLetters.REPLAYED_BY)).isEqualTo(OPS);
        assertThat(TopicReader.header(sent, "content-type")).isEqualTo("application/cloudevents+json");
        assertThat(TopicReader.header(sent, DeadLetters.REASON)).as("dead-letter headers stay behind").isNull();

        ops().contentType(ContentType.JSON).body(Map.of("records", List.of(at)))
                .post("/api/v1/ops/dead-letters/replay").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:dead-letter-handled"))
                .body("detail", containsString(at.toString()));
        assertThat(replayOf(at)).hasSize(1);

        client(Roles.OPS).replayDeadLetters(new DeadLetterSelection(List.of(at), null, true));
        await().atMost(WAIT).until(() -> replayOf(at).size() == 2);
        assertThat(client(Roles.OPS).deadLetter(at.topic(), at.partition(), at.offset()).replayCount()).isEqualTo(2);
        // the forced copy reaches the consumer, which skips what it applied: a marker behind it proves it was read
        String marker = FunctionUnitEvents.newUnitId();
        EventEnvelope<FunctionUnitCreated> markerEvent = FunctionUnitEvents.created(marker, "Marker");
        try (var sender = new io.lowcode.localstack.testing.EventSender(bootstrap())) {
            sender.send(Topics.FUNCTION_UNIT_EVENTS, replayOf(at).get(1).partition(), marker,
                    EventCodec.shared().serialize(markerEvent));
        }
        await().atMost(WAIT).until(() -> applied(INVENTORY, markerEvent.id()) == 1);
        assertThat(applied(INVENTORY, created.id())).isEqualTo(1);

        assertThat(audited(DeadLetterActions.AUDIT_REPLAYED, at)).hasSize(2).allSatisfy(actor ->
                assertThat(actor).isEqualTo(OPS));
    }

    @Test
    void discardMarksHandledOnceAndADiscardedRecordIsReplayedOnlyWhenForced() {
        DeadLetterCoordinates at = indexed(deadLetter(Topics.FUNCTION_UNIT_EVENTS, 0, 7, "k", "{}".getBytes(
                StandardCharsets.UTF_8), DeadLetters.KIND_INVALID, INVENTORY, "MISSING_ATTRIBUTE: id"));

        DeadLetterActionResult first = client(Roles.OPS).discardDeadLetters(new DeadLetterSelection(List.of(at), null, false));
        DeadLetterActionResult second = client(Roles.OPS).discardDeadLetters(new DeadLetterSelection(List.of(at), null, false));

        assertThat(first.unchanged()).isEmpty();
        assertThat(second.unchanged()).containsExactly(at);
        assertThat(client(Roles.OPS).deadLetter(at.topic(), at.partition(), at.offset()).state()).isEqualTo("DISCARDED");
        assertThat(audited(DeadLetterActions.AUDIT_DISCARDED, at)).hasSize(1);
        ops().contentType(ContentType.JSON).body(Map.of("records", List.of(at)))
                .post("/api/v1/ops/dead-letters/replay").then().statusCode(409)
                .body("type", equalTo("urn:lowcode:problem:dead-letter-handled"));
        assertThat(replayOf(at)).isEmpty();
    }

    @Test
    void aFilterSelectsTheNewDeadLettersAndActsOnAllOfThemAtOnce() {
        String consumer = "filter-replay-" + System.nanoTime();
        List<DeadLetterCoordinates> letters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String unitId = FunctionUnitEvents.newUnitId();
            letters.add(indexed(deadLetter(Topics.FUNCTION_UNIT_EVENTS, 3, 100 + i, unitId, EventCodec.shared()
                    .serialize(FunctionUnitEvents.created(unitId, "By filter " + i)), DeadLetters.KIND_RETRIES_EXHAUSTED,
                    consumer, "down")));
        }
        client(Roles.OPS).discardDeadLetters(new DeadLetterSelection(List.of(letters.get(0)), null, false));

        DeadLetterActionResult replayed = client(Roles.OPS).replayDeadLetters(new DeadLetterSelection(null,
                new DeadLetterFilter(null, null, null, consumer, null, null, null), false));

        assertThat(replayed.records()).containsExactlyInAnyOrder(letters.get(1), letters.get(2));
        assertThat(client(Roles.OPS).replayDeadLetters(new DeadLetterSelection(null,
                new DeadLetterFilter(null, null, null, consumer, null, null, null), false)).records()).isEmpty();
    }

    @Test
    void badUnknownAndHugeSelectionsAreRefusedAndNothingIsReplayed() {
        DeadLetterCoordinates known = indexed(deadLetter(Topics.FUNCTION_UNIT_EVENTS, 0, 1, "k", "{}".getBytes(
                StandardCharsets.UTF_8), DeadLetters.KIND_INVALID, INVENTORY, "bad"));
        DeadLetterCoordinates unknown = new DeadLetterCoordinates(known.topic(), known.partition(), 999_999_999L);

        refused(Map.of(), 400);
        refused(Map.of("records", List.of(known), "filter", Map.of()), 400);
        refused(Map.of("records", List.of()), 400);
        refused(Map.of("records", List.of(Map.of("topic", known.topic()))), 400);
        refused(Map.of("records", IntStream.range(0, 21).mapToObj(i -> new DeadLetterCoordinates(known.topic(), 0, (long) i))
                .toList()), 400);
        refused(Map.of("filter", Map.of("kind", "exploded")), 400);
        ops().contentType(ContentType.JSON).body("{\"records\": [").post("/api/v1/ops/dead-letters/replay").then()
                .statusCode(400).contentType("application/problem+json");
        ops().contentType(ContentType.JSON).body(Map.of("records", List.of(known, unknown)))
                .post("/api/v1/ops/dead-letters/discard").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(unknown.toString()));
        assertThat(client(Roles.OPS).deadLetter(known.topic(), known.partition(), known.offset()).state())
                .as("all or nothing").isEqualTo("NEW");

        String crowd = "crowd-" + System.nanoTime();
        for (int i = 0; i < 21; i++) {
            deadLetter(Topics.FUNCTION_UNIT_EVENTS, 0, i, "k" + i, "{}".getBytes(StandardCharsets.UTF_8),
                    DeadLetters.KIND_INVALID, crowd, "bad");
        }
        await().atMost(WAIT).until(() -> client(Roles.OPS).deadLetters(null, null, null, crowd, null, null, null, 0, 1)
                .total() == 21);
        refused(Map.of("filter", Map.of("consumer", crowd)), 400);

        io.lowcode.localstack.testing.Management.management().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void onlyOpsMayReplayOrDiscard() {
        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("filter", Map.of()))
                .post("/api/v1/ops/dead-letters/replay").then().statusCode(403);
        Authorized.as(Roles.USER).contentType(ContentType.JSON).body(Map.of("filter", Map.of()))
                .post("/api/v1/ops/dead-letters/discard").then().statusCode(403);
    }

    private static void refused(Object body, int status) {
        for (String action : List.of("replay", "discard")) {
            ops().contentType(ContentType.JSON).body(body).post("/api/v1/ops/dead-letters/" + action).then()
                    .statusCode(status).contentType("application/problem+json");
        }
    }

    private static RequestSpecification ops() {
        return Authorized.asUser(OPS, Roles.OPS);
    }

    private static String inventory(String unitId) {
        return Authorized.as(Roles.ADMIN).get("/api/v1/function-units").then().statusCode(200).extract().jsonPath()
                .getString("find { it.functionUnitId == '" + unitId + "' }.name");
    }

    /** The records on the original topic that replay the dead letter at {@code at}. */
    private static List<ConsumerRecord<String, byte[]>> replayOf(DeadLetterCoordinates at) {
        try (TopicReader reader = new TopicReader(bootstrap(), Topics.FUNCTION_UNIT_EVENTS)) {
            return reader.readToEnd().stream()
                    .filter(r -> at.toString().equals(TopicReader.header(r, DeadLetters.REPLAY_OF))).toList();
        }
    }

    private static List<String> audited(String action, DeadLetterCoordinates at) {
        return Authorized.as(Roles.OPS).queryParam("type", action).queryParam("subject", at.toString())
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath().getList("items.actor");
    }

    private static String bootstrap() {
        return LocalStackTestResource.stack().kafka().bootstrapServers();
    }
}
