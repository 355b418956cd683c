package io.lowcode.portal.function;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;

/**
 * What admin-center would put on {@code function-unit-events}, produced straight onto the topic of the
 * test's real Kafka broker (synchronously: each send returns once the broker has the record), and the
 * inbox as the test sees it in PostgreSQL.
 */
final class FunctionUnitEvents implements AutoCloseable {

    static final String TOPIC = Topics.FUNCTION_UNIT_EVENTS;

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.stack().kafka().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            new StringSerializer(), new ByteArraySerializer());

    static EventEnvelope<FunctionUnitDeployed> deployed(UUID functionUnitId, String name, String version) {
        return EventEnvelope.of(EventType.FUNCTION_UNIT_DEPLOYED, functionUnitId.toString(),
                        new FunctionUnitDeployed(functionUnitId.toString(), name, version, "production", "admin-1",
                                UUID.randomUUID().toString()))
                .withSource(SourceModule.ADMIN_CENTER)
                .withCorrelationId(UUID.randomUUID().toString())
                .withUserId("admin-1");
    }

    static EventEnvelope<FunctionUnitRetired> retired(UUID functionUnitId, String name, String version) {
        return EventEnvelope.of(EventType.FUNCTION_UNIT_RETIRED, functionUnitId.toString(),
                        new FunctionUnitRetired(functionUnitId.toString(), name, version, "superseded", "admin-1"))
                .withSource(SourceModule.ADMIN_CENTER)
                .withCorrelationId(UUID.randomUUID().toString())
                .withUserId("admin-1");
    }

    static byte[] serialize(EventEnvelope<?> event) {
        return EventCodec.shared().serialize(event);
    }

    /** Sends the event with its subject as key, as the outbox relay does. */
    RecordMetadata send(EventEnvelope<?> event) {
        return send(event.subject(), serialize(event));
    }

    /** Sends any bytes (an event or not) with {@code key}; Kafka picks the partition from the key. */
    RecordMetadata send(String key, byte[] value) {
        return send(new ProducerRecord<>(TOPIC, null, key, value, contentType()));
    }

    /** Sends the event to {@code partition}, so it is consumed after everything already on that partition. */
    RecordMetadata sendTo(int partition, EventEnvelope<?> event) {
        return send(new ProducerRecord<>(TOPIC, partition, event.subject(), serialize(event), contentType()));
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot produce to " + TOPIC + ": " + e, e);
        }
    }

    private static List<org.apache.kafka.common.header.Header> contentType() {
        return List.of(new RecordHeader("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
    }

    /** How many rows {@code inbox_event} holds for {@code eventId} (the proof that a consumer applied it). */
    static int inboxRows(String eventId) {
        try (Connection db = LocalStackTestResource.stack().postgres().connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT count(*) FROM portal.inbox_event WHERE event_id = ?::uuid")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
