package io.lowcode.portal.function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the available-function list in step with {@code function-unit-events}: a deployment makes a
 * version available, a retirement takes it away; every other type is acknowledged and ignored.
 * Deduplication, retries and dead letters are the {@link InboxProcessor}'s.
 */
@ApplicationScoped
public class FunctionUnitEventsConsumer {

    /** The event types this consumer applies; the others on the topic are acknowledged untouched. */
    static final java.util.Set<EventType> APPLIES = java.util.EnumSet.of(EventType.FUNCTION_UNIT_PUBLISHED,
            EventType.FUNCTION_UNIT_DEPLOYED, EventType.FUNCTION_UNIT_RETIRED);

    /** Channel = consumer id in the inbox; configured as {@code mp.messaging.incoming.available-functions.*}. */
    public static final String CHANNEL = "available-functions";

    private final InboxProcessor inbox;
    private final AvailableFunctions functions;

    public FunctionUnitEventsConsumer(InboxProcessor inbox, AvailableFunctions functions) {
        this.inbox = inbox;
        this.functions = functions;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        return inbox.process(message, APPLIES, event -> switch (event.type()) {
            case FUNCTION_UNIT_PUBLISHED -> functions.onPublished(event, event.payloadAs(FunctionUnitPublished.class));
            case FUNCTION_UNIT_DEPLOYED -> functions.onDeployed(event, event.payloadAs(FunctionUnitDeployed.class));
            case FUNCTION_UNIT_RETIRED -> functions.onRetired(event, event.payloadAs(FunctionUnitRetired.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
