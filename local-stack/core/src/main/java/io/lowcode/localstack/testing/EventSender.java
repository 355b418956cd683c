package io.lowcode.localstack.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.serde.EventCodec;

/**
 * Produces records straight onto a topic the way the outbox relay does (key = subject, header
 * {@code content-type: application/cloudevents+json}), or any bytes at all, for tests of consumers:
 * redelivery, poison records, ordering on one partition. Each send waits for the acknowledgement.
 */
public final class EventSender implements AutoCloseable {

    private static final byte[] CONTENT_TYPE = EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final KafkaProducer<String, byte[]> producer;

    public EventSender(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Serializes the event and sends it to its type's topic, keyed by its subject. */
    public RecordMetadata send(EventEnvelope<?> event) {
        return send(event.type().topic(), null, event.subject(), EventCodec.shared().serialize(event));
    }

    /** Sends the event to one partition, so it is consumed after everything already there. */
    public RecordMetadata sendTo(int partition, EventEnvelope<?> event) {
        return send(event.type().topic(), partition, event.subject(), EventCodec.shared().serialize(event));
    }

    /** Sends any bytes, an event or not; {@code partition} null lets Kafka pick it from the key. */
    public RecordMetadata send(String topic, Integer partition, String key, byte[] value) {
        return send(topic, partition, key, value, Map.of());
    }

    /**
     * Sends any bytes with extra headers besides {@code content-type} — e.g. a dead letter as a consumer of an older
     * release wrote it, with its {@code dead-letter-*} headers.
     */
    public RecordMetadata send(String topic, Integer partition, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        record.headers().add("content-type", CONTENT_TYPE);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot produce to " + topic + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
