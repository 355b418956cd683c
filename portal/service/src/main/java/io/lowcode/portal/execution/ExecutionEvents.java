package io.lowcode.portal.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.messaging.PendingEvent;
import io.smallrye.mutiny.Uni;

/** Envelopes of the portal's execution events (key = execution id), and adding several to the outbox in order. */
final class ExecutionEvents {

    private ExecutionEvents() {
    }

    static <P extends EventPayload> EventEnvelope<P> of(EventType type, UUID executionId, P payload, String userId,
            String correlationId, Instant time) {
        EventEnvelope<P> event = EventEnvelope.of(type, executionId.toString(), payload)
                .withSource(SourceModule.PORTAL)
                .withUserId(userId)
                .withTime(time);
        return correlationId == null ? event : event.withCorrelationId(correlationId);
    }

    /** Adds the events one after the other (their outbox order is their order on the topic). */
    static Uni<List<PendingEvent>> addAll(Outbox outbox, List<? extends EventEnvelope<?>> events) {
        Uni<List<PendingEvent>> chain = Uni.createFrom().item(new ArrayList<>());
        for (EventEnvelope<?> event : events) {
            chain = chain.flatMap(added -> outbox.add(event).map(pending -> {
                added.add(pending);
                return added;
            }));
        }
        return chain;
    }
}
