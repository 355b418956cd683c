package io.lowcode.workstation.functionunit.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.lowcode.workstation.functionunit.service.FunctionUnitService;
import io.smallrye.mutiny.Uni;

/**
 * Shows the developer what the admin center did with their versions: applies {@code function-unit.deployed}
 * and {@code function-unit.retired} from {@code function-unit-events} (channel {@value #CHANNEL}).
 */
@ApplicationScoped
public class DeploymentStatusConsumer {

    /** The event types this consumer applies; the others on the topic are acknowledged untouched. */
    static final java.util.Set<EventType> APPLIES = java.util.EnumSet.of(EventType.FUNCTION_UNIT_DEPLOYED, EventType.FUNCTION_UNIT_RETIRED);

    static final String CHANNEL = "deployment-status";

    private final InboxProcessor inbox;
    private final FunctionUnitService units;

    public DeploymentStatusConsumer(InboxProcessor inbox, FunctionUnitService units) {
        this.inbox = inbox;
        this.units = units;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        return inbox.process(message, APPLIES, event -> switch (event.type()) {
            case FUNCTION_UNIT_DEPLOYED -> {
                FunctionUnitDeployed deployed = event.payloadAs(FunctionUnitDeployed.class);
                yield units.onDeployed(UUID.fromString(deployed.functionUnitId()), deployed.version(), event.time());
            }
            case FUNCTION_UNIT_RETIRED -> {
                FunctionUnitRetired retired = event.payloadAs(FunctionUnitRetired.class);
                yield units.onRetired(UUID.fromString(retired.functionUnitId()), retired.version(), event.time());
            }
            default -> Uni.createFrom().voidItem();
        });
    }
}
