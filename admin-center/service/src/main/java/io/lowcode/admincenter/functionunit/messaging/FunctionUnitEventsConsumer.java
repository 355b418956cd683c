package io.lowcode.admincenter.functionunit.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lowcode.admincenter.functionunit.service.InventoryService;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.lowcode.eventschema.runtime.messaging.OutboxRelay;
import io.lowcode.eventschema.runtime.messaging.PendingEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the inventory from {@code function-unit-events}: the workstation's {@code created} and {@code published}.
 * The admin center's own {@code deployed} and {@code retired} come back on the same topic and are ignored.
 * Channel, group and dead-letter topic are configured in {@code application.properties}. What a handler emits
 * (through the outbox, in the inbox transaction) is relayed right after the commit; the sweep is the fallback.
 */
@ApplicationScoped
public class FunctionUnitEventsConsumer {

    /** Channel = consumer id in the inbox; group {@code admin-center.function-unit-inventory}. */
    public static final String CHANNEL = "function-unit-inventory";

    private final InboxProcessor inbox;
    private final InventoryService inventory;
    private final OutboxRelay relay;

    public FunctionUnitEventsConsumer(InboxProcessor inbox, InventoryService inventory, OutboxRelay relay) {
        this.inbox = inbox;
        this.inventory = inventory;
        this.relay = relay;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        List<PendingEvent> emitted = new CopyOnWriteArrayList<>();
        return inbox.process(message, event -> {
            emitted.clear(); // a retried attempt starts over: what a rolled-back one wrote is gone
            return switch (event.type()) {
                case FUNCTION_UNIT_CREATED -> inventory.onCreated(event, event.payloadAs(FunctionUnitCreated.class));
                case FUNCTION_UNIT_PUBLISHED -> inventory.onPublished(event, event.payloadAs(FunctionUnitPublished.class))
                        .invoke(pending -> {
                            if (pending != null) {
                                emitted.add(pending);
                            }
                        })
                        .replaceWithVoid();
                default -> Uni.createFrom().voidItem();
            };
        }).invoke(() -> relayAfterCommit(emitted));
    }

    /**
     * Starts publishing what the applied event emitted right after its commit, without holding up the partition;
     * if this fails, the outbox sweep publishes it.
     */
    private void relayAfterCommit(List<PendingEvent> emitted) {
        if (emitted.isEmpty()) {
            return;
        }
        List<String> keys = emitted.stream().map(PendingEvent::key).distinct().toList();
        relay.drain(keys).subscribe().with(done -> { },
                failure -> Log.warnf("relay after commit failed, the sweep will publish %s: %s",
                        emitted.stream().map(PendingEvent::eventId).toList(), failure.toString()));
    }
}
