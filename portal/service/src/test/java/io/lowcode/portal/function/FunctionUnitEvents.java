package io.lowcode.portal.function;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.EventSender;

/**
 * What admin-center would put on {@code function-unit-events}, produced straight onto the topic of the
 * test's real Kafka broker (synchronously: each send returns once the broker has the record), and the
 * inbox as the test sees it in PostgreSQL.
 */
public final class FunctionUnitEvents implements AutoCloseable {

    static final String TOPIC = Topics.FUNCTION_UNIT_EVENTS;

    public FunctionUnitEvents() {
    }

    private final EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers());

    /** A deployment that names no approved digest (as v1 deployments did). */
    public static EventEnvelope<FunctionUnitDeployed> deployed(UUID functionUnitId, String name, String version) {
        return deployed(functionUnitId, name, version, null);
    }

    /** A deployment of the content with {@code digest} (the definition's {@code ContentDigest}). */
    public static EventEnvelope<FunctionUnitDeployed> deployed(UUID functionUnitId, String name, String version,
            String digest) {
        return EventEnvelope.of(EventType.FUNCTION_UNIT_DEPLOYED, functionUnitId.toString(),
                        new FunctionUnitDeployed(functionUnitId.toString(), name, version, "production", "admin-1",
                                UUID.randomUUID().toString(), digest))
                .withSource(SourceModule.ADMIN_CENTER)
                .withCorrelationId(UUID.randomUUID().toString())
                .withUserId("admin-1");
    }

    /** A published version with {@code definition} and its content digest, as the workstation publishes it. */
    public static EventEnvelope<FunctionUnitPublished> published(UUID functionUnitId, String name, String version,
            com.fasterxml.jackson.databind.JsonNode definition) {
        String digest = io.lowcode.eventschema.definition.ContentDigest.of(definition);
        return EventEnvelope.of(EventType.FUNCTION_UNIT_PUBLISHED, functionUnitId.toString(),
                        new FunctionUnitPublished(functionUnitId.toString(), name, version, null, digest, definition))
                .withSource(SourceModule.WORKSTATION)
                .withCorrelationId(UUID.randomUUID().toString())
                .withUserId("dev-1");
    }

    public static EventEnvelope<FunctionUnitRetired> retired(UUID functionUnitId, String name, String version) {
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
    public RecordMetadata send(EventEnvelope<?> event) {
        return sender.send(event);
    }

    /** Sends any bytes (an event or not) with {@code key}; Kafka picks the partition from the key. */
    RecordMetadata send(String key, byte[] value) {
        return sender.send(TOPIC, null, key, value);
    }

    /** Sends the event to {@code partition}, so it is consumed after everything already on that partition. */
    RecordMetadata sendTo(int partition, EventEnvelope<?> event) {
        return sender.sendTo(partition, event);
    }

    /** How many rows {@code inbox_event} holds for {@code eventId} (the proof that a consumer applied it). */
    public static int inboxRows(String eventId) {
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
        sender.close();
    }
}
