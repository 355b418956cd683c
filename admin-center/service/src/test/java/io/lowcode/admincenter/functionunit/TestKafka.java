package io.lowcode.admincenter.functionunit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.lowcode.eventschema.Topics;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.EventSender;
import io.lowcode.localstack.testing.TopicReader;

/** This module's shorthands over the shared {@link EventSender} and {@link TopicReader}. */
final class TestKafka {

    static final Duration WAIT = Duration.ofSeconds(30);

    private TestKafka() {
    }

    /** Sends {@code value} to {@code function-unit-events} with key {@code key} (and a partition, if not null). */
    static RecordMetadata send(String key, Integer partition, byte[] value) {
        try (EventSender sender = new EventSender(bootstrap())) {
            return sender.send(Topics.FUNCTION_UNIT_EVENTS, partition, key, value);
        }
    }

    static RecordMetadata send(String key, byte[] value) {
        return send(key, null, value);
    }

    /** Reads {@code topic} from the beginning until {@code count} records match, at most {@link #WAIT}. */
    static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count,
            Predicate<ConsumerRecord<String, byte[]>> matching) {
        try (TopicReader reader = new TopicReader(bootstrap(), topic)) {
            await().atMost(WAIT).until(() -> reader.matching(matching).size() >= count);
            return reader.matching(matching);
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return TopicReader.header(record, name);
    }

    private static String bootstrap() {
        return LocalStackTestResource.stack().kafka().bootstrapServers();
    }
}
