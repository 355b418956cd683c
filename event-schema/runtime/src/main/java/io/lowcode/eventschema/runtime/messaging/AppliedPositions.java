package io.lowcode.eventschema.runtime.messaging;

import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.lowcode.eventschema.envelope.EventEnvelope;
import io.smallrye.mutiny.Uni;

/**
 * Stale-event protection: per consumer and state object (the event type's {@link io.lowcode.eventschema.StateObject}),
 * the position — event time, then event id — of the last change applied ({@code applied_position}). An event older
 * than that position is stale: a late delivery or a replay from a dead-letter topic that would undo a newer change.
 * Runs in the inbox transaction, so the position moves exactly when the change commits.
 */
@ApplicationScoped
public class AppliedPositions {

    /** Moves the position forward; touches no row (0) when the stored one is newer or the same. */
    private static final String ADVANCE = """
            INSERT INTO applied_position (consumer_group, object_key, event_time, event_id, event_type)
            VALUES (:consumer, :key, :time, :id, :type)
            ON CONFLICT (consumer_group, object_key) DO UPDATE
            SET event_time = EXCLUDED.event_time, event_id = EXCLUDED.event_id, event_type = EXCLUDED.event_type,
                applied_at = now()
            WHERE (applied_position.event_time, applied_position.event_id) < (EXCLUDED.event_time, EXCLUDED.event_id)""";

    /** The change applied before that makes an event stale (for the log): its type, id and time. */
    public record Newer(String eventType, String eventId, String eventTime) {
    }

    /**
     * Records {@code event} as the last change {@code consumer} applied to its object, unless a newer change (later
     * time, or the same time and a greater id) was applied before.
     *
     * @return empty when {@code event} is the newest (apply it); else the newer change (skip {@code event})
     */
    public Uni<Optional<Newer>> advance(Mutiny.Session session, String consumer, EventEnvelope<?> event) {
        Optional<String> key = event.type().stateObject().keyOf(event);
        if (key.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return session.createNativeQuery(ADVANCE)
                .setParameter("consumer", consumer)
                .setParameter("key", key.get())
                // PostgreSQL keeps microseconds: compare what it stores
                .setParameter("time", event.time().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .setParameter("id", UUID.fromString(event.id()))
                .setParameter("type", event.type().type())
                .executeUpdate()
                .flatMap(advanced -> advanced > 0 ? Uni.createFrom().item(Optional.<Newer>empty())
                        : newer(session, consumer, key.get()).map(Optional::of));
    }

    private static Uni<Newer> newer(Mutiny.Session session, String consumer, String key) {
        return session.createNativeQuery("""
                        SELECT event_type, event_id::text, event_time::text FROM applied_position
                        WHERE consumer_group = :consumer AND object_key = :key""", Object[].class)
                .setParameter("consumer", consumer)
                .setParameter("key", key)
                .getSingleResult()
                .map(row -> new Newer((String) row[0], (String) row[1], (String) row[2]));
    }
}
