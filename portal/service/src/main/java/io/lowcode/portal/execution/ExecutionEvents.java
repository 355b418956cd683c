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
import io.lowcode.eventschema.runtime.rest.Caller;
import io.smallrye.mutiny.Uni;

/** Envelopes of the portal's execution events (key = execution id), and adding several to the outbox in order. */
final class ExecutionEvents {

    private ExecutionEvents() {
    }

    /**
     * An execution's event on behalf of {@code caller}; {@code traceparent} is the trace of the request that started the
     * execution (its later events are written outside that request), {@code null} for the current span's.
     */
    static <P extends EventPayload> EventEnvelope<P> of(EventType type, UUID executionId, P payload, Caller caller,
            String traceparent, Instant time) {
        EventEnvelope<P> event = caller.stamp(EventEnvelope.of(type, executionId.toString(), payload)
                .withSource(SourceModule.PORTAL))
                .withTime(time);
        return traceparent == null ? event : event.withTraceparent(traceparent);
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
