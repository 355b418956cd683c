package io.lowcode.portal.function;

import static io.lowcode.portal.function.FunctionUnitEvents.deployed;
import static io.lowcode.portal.function.FunctionUnitEvents.serialize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.portal.access.AccessEvents;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Records the portal can never read go to the dead-letter topic at once and do not block their partition. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class PoisonRecordTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static final String DEAD_LETTER_TOPIC = Topics.deadLetterOf(Topics.FUNCTION_UNIT_EVENTS);

    private FunctionUnitEvents events;

    @BeforeEach
    void connect() {
        events = new FunctionUnitEvents();
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void malformedAndNewerVersionRecordsAreDeadLetteredAndTheValidOneBehindThemIsApplied() throws Exception {
        UUID id = UUID.randomUUID();
        String key = id.toString();
        byte[] notJson = "this is {not JSON".getBytes(StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        ObjectNode future = (ObjectNode) json.readTree(serialize(deployed(id, "from-the-future", "9.0.0")));
        future.put("eventversion", 99);
        byte[] newerVersion = json.writeValueAsBytes(future);
        EventEnvelope<FunctionUnitDeployed> valid = deployed(id, "purchase-order", "1.0.0");

        RecordMetadata malformed = events.send(key, notJson);
        RecordMetadata newer = events.send(key, newerVersion);
        RecordMetadata applied = events.send(valid);
        assertThat(List.of(newer.partition(), applied.partition())).containsOnly(malformed.partition());

        await().atMost(APPLIED).untilAsserted(() -> AccessEvents.asPowerUser().get("/api/v1/functions/{id}", id).then()
                .statusCode(200)
                .body("name", equalTo("purchase-order")));

        Map<Long, ConsumerRecord<String, byte[]>> deadLetters = deadLettersOf(malformed.partition(),
                List.of(malformed.offset(), newer.offset()));
        ConsumerRecord<String, byte[]> malformedLetter = deadLetters.get(malformed.offset());
        assertThat(malformedLetter.key()).isEqualTo(key);
        assertThat(malformedLetter.value()).isEqualTo(notJson);
        assertThat(header(malformedLetter, DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_INVALID);
        assertThat(header(malformedLetter, "dead-letter-reason")).contains("MALFORMED_JSON", "not JSON");

        ConsumerRecord<String, byte[]> newerLetter = deadLetters.get(newer.offset());
        assertThat(newerLetter.key()).isEqualTo(key);
        assertThat(newerLetter.value()).isEqualTo(newerVersion);
        assertThat(header(newerLetter, DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_INVALID);
        assertThat(header(newerLetter, "dead-letter-reason")).contains("eventversion", "newer");
        assertThat(header(newerLetter, DeadLetters.FIELD)).isEqualTo("eventversion");
    }

    @Test
    void deploymentOfAFunctionUnitWhoseIdIsNotAUuidIsDeadLetteredAsPermanentFailure() {
        String notAUuid = "fu-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope<FunctionUnitDeployed> event = EventEnvelope.of(EventType.FUNCTION_UNIT_DEPLOYED, notAUuid,
                        new FunctionUnitDeployed(notAUuid, "legacy-import", "1.0.0", "production", "admin-1", "d-1",
                                null))
                .withSource(SourceModule.ADMIN_CENTER);

        RecordMetadata sent = events.send(event);

        ConsumerRecord<String, byte[]> letter = deadLettersOf(sent.partition(), List.of(sent.offset()))
                .get(sent.offset());
        assertThat(letter.key()).isEqualTo(notAUuid);
        assertThat(header(letter, DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_PERMANENT);
        assertThat(header(letter, DeadLetters.ATTEMPTS)).isEqualTo("1");
        assertThat(header(letter, "dead-letter-reason")).contains(notAUuid, "not a UUID");
        assertThat(FunctionUnitEvents.inboxRows(event.id())).as("a dead-lettered event is not in the inbox").isZero();
    }

    /** The dead letters of the records at {@code offsets} of {@code partition} of function-unit-events, by offset. */
    private static Map<Long, ConsumerRecord<String, byte[]>> deadLettersOf(int partition, List<Long> offsets) {
        Map<Long, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.stack().kafka().bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTER_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(APPLIED).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> letter : consumer.poll(Duration.ofMillis(500))) {
                    if (Topics.FUNCTION_UNIT_EVENTS.equals(header(letter, "dead-letter-topic"))
                            && Integer.toString(partition).equals(header(letter, "dead-letter-partition"))) {
                        found.put(Long.parseLong(header(letter, "dead-letter-offset")), letter);
                    }
                }
                assertThat(found).containsKeys(offsets.toArray(Long[]::new));
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
