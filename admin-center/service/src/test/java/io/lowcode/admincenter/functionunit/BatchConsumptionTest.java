package io.lowcode.admincenter.functionunit;

import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.created;
import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.newUnitId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.functionunit.messaging.FunctionUnitEventsConsumer;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The inventory consumes in batches ({@code InboxProcessor.processBatch}): the records of one poll are applied in one
 * transaction, and an event its handler refuses for good among them is dead-lettered alone while the others are
 * applied, each once.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class BatchConsumptionTest {

    private static final int PARTITION = 4;

    @Inject
    EventCodec codec;

    @Test
    void recordsOfOnePollShareOneTransaction() throws Exception {
        List<String> units = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String unit = newUnitId();
            units.add(unit);
            var event = created(unit, "Batched " + unit);
            events.add(event.id());
            records.add(codec.serialize(event));
        }
        sendTogether(units, records);

        await().atMost(TestKafka.WAIT).until(() -> appliedAt(events).size() == events.size());
        Map<String, String> appliedAt = appliedAt(events);
        // one transaction per record would give thirty commit times (now() is the transaction's start)
        assertThat(appliedAt.values().stream().distinct().count()).isLessThan(units.size());
        assertThat(inventoryIds()).containsAll(units);
    }

    @Test
    void anEventRefusedForGoodInABatchIsDeadLetteredAloneAndTheOthersAreAppliedOnce() throws Exception {
        List<String> units = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        String orphan = newUnitId();
        var orphanPublished = FunctionUnitEvents.published(orphan, "Orphan " + orphan, "1.0.0");
        for (int i = 0; i < 21; i++) {
            if (i == 10) {
                // a published version of a unit the inventory does not know: the handler refuses it (permanent failure)
                keys.add(orphan);
                records.add(codec.serialize(orphanPublished));
                continue;
            }
            String unit = newUnitId();
            var event = created(unit, "Around " + unit);
            units.add(unit);
            events.add(event.id());
            keys.add(unit);
            records.add(codec.serialize(event));
        }
        sendTogether(keys, records);

        await().atMost(TestKafka.WAIT).until(() -> appliedAt(events).size() == events.size());
        List<ConsumerRecord<String, byte[]>> dead = TestKafka.awaitRecords(Topics.deadLetterOf(Topics.FUNCTION_UNIT_EVENTS),
                1, record -> orphan.equals(record.key())
                        && FunctionUnitEventsConsumer.CHANNEL.equals(TestKafka.header(record, DeadLetters.CONSUMER)));
        assertThat(dead).hasSize(1);
        assertThat(TestKafka.header(dead.get(0), DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_PERMANENT);
        assertThat(TestKafka.header(dead.get(0), "dead-letter-reason")).contains("not in the inventory");
        assertThat(inventoryIds()).containsAll(units).doesNotContain(orphan);
        // each applied once: one inbox row per event id, and the orphan's id recorded nowhere (its transaction rolled back)
        assertThat(appliedAt(events)).hasSize(events.size());
        assertThat(appliedAt(List.of(orphanPublished.id()))).isEmpty();
    }

    /** One producer batch to one partition: an idle consumer fetches them in one poll. */
    private static void sendTogether(List<String> keys, List<byte[]> values) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.stack().kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 200, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < keys.size(); i++) {
                producer.send(new ProducerRecord<>(Topics.FUNCTION_UNIT_EVENTS, PARTITION, keys.get(i), values.get(i)));
            }
            producer.flush();
        }
    }

    /** Event id → the inventory's inbox row's time (the applying transaction's start), for the events applied so far. */
    private static Map<String, String> appliedAt(List<String> events) throws Exception {
        try (Connection connection = LocalStackTestResource.stack().postgres().connect();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT event_id::text, processed_at::text FROM admin_center.inbox_event
                        WHERE event_id = ANY(?) AND consumer_group = ? AND kafka_partition = ?""")) {
            statement.setArray(1, connection.createArrayOf("uuid", events.stream().map(UUID::fromString).toArray()));
            statement.setString(2, FunctionUnitEventsConsumer.CHANNEL);
            statement.setInt(3, PARTITION);
            Map<String, String> applied = new java.util.HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    applied.put(rows.getString(1), rows.getString(2));
                }
            }
            return applied;
        }
    }

    private static List<String> inventoryIds() {
        return Authorized.as(Roles.ADMIN).get("/api/v1/function-units").then().statusCode(200).extract().jsonPath()
                .getList("functionUnitId");
    }
}
