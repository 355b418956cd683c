package io.lowcode.admincenter.functionunit.messaging;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lowcode.admincenter.functionunit.service.InventoryService;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Keeps the inventory from {@code function-unit-events}: the workstation's {@code created} and {@code published}.
 * The admin center's own {@code deployed} and {@code retired} come back on the same topic and are acknowledged
 * untouched. Channel, group and dead-letter topic are configured in {@code application.properties}. What a handler
 * emits (through the outbox, in the inbox transaction) is relayed right after the commit by the inbox's unit of work;
 * the sweep is the fallback.
 */
@ApplicationScoped
public class FunctionUnitEventsConsumer {

    /** Channel = consumer id in the inbox; group {@code admin-center.function-unit-inventory}. */
    public static final String CHANNEL = "function-unit-inventory";

    /** The event types this consumer applies; the others on the topic are acknowledged untouched. */
    static final Set<EventType> APPLIES = EnumSet.of(EventType.FUNCTION_UNIT_CREATED, EventType.FUNCTION_UNIT_PUBLISHED);

    private final InboxProcessor inbox;
    private final InventoryService inventory;

    public FunctionUnitEventsConsumer(InboxProcessor inbox, InventoryService inventory) {
        this.inbox = inbox;
        this.inventory = inventory;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.processBatch(batch, APPLIES, InboxProcessor.StaleEvents.SKIP, event -> switch (event.type()) {
            case FUNCTION_UNIT_CREATED -> inventory.onCreated(event, event.payloadAs(FunctionUnitCreated.class));
            case FUNCTION_UNIT_PUBLISHED -> inventory.onPublished(event, event.payloadAs(FunctionUnitPublished.class))
                    .replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        });
    }
}
