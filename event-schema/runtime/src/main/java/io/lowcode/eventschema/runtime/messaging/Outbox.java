package io.lowcode.eventschema.runtime.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.runtime.tracing.EventTracing;
import io.lowcode.eventschema.serde.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The producer side of the transactional outbox: {@link #add} writes the event in the caller's
 * transaction (a {@code @WithTransaction} method), so the event exists if and only if the business
 * change committed. The unit of work the transaction runs in ({@link UnitOfWork}, {@link InboxProcessor}) publishes it
 * after the commit through {@link OutboxRelay}; the sweep is the fallback.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;

    public Outbox(EventCodec codec) {
        this.codec = codec;
    }

    /**
     * Validates and serializes the event and inserts it into {@code outbox_event}; must run in a transaction. An event
     * without a {@code traceparent} gets the current span's (the request's, or the consumer's applying an event).
     */
    public Uni<PendingEvent> add(EventEnvelope<?> event) {
        byte[] payload = codec.serialize(EventTracing.stamp(event));
        UUID id = UUID.fromString(event.id());
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO outbox_event (event_id, topic, event_key, event_type, payload)
                VALUES (:id, :topic, :key, :type, :payload)""")
                .setParameter("id", id)
                .setParameter("topic", event.type().topic())
                .setParameter("key", event.subject())
                .setParameter("type", event.type().type())
                .setParameter("payload", payload)
                .executeUpdate())
                .map(ignored -> {
                    PendingEvent pending = new PendingEvent(id, event.subject(), event.type().type());
                    WrittenEvents.record(pending);
                    return pending;
                });
    }
}
