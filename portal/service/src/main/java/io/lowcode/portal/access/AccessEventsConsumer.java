package io.lowcode.portal.access;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the portal's accounts and permission cache from user-permission-events (key = user id, so one user's
 * events apply in order). Applied once each through the inbox; failures retried, then dead-lettered.
 */
@ApplicationScoped
public class AccessEventsConsumer {

    static final Set<EventType> APPLIES = EnumSet.of(EventType.USER_ACCOUNT_CREATED,
            EventType.USER_ACCOUNT_STATUS_CHANGED, EventType.PERMISSION_GRANTED, EventType.PERMISSION_REVOKED,
            EventType.ROLE_ASSIGNED);

    /** Channel = consumer id in the inbox; configured as {@code mp.messaging.incoming.access.*}. */
    public static final String CHANNEL = "access";

    private final InboxProcessor inbox;
    private final AccessCache cache;

    public AccessEventsConsumer(InboxProcessor inbox, AccessCache cache) {
        this.inbox = inbox;
        this.cache = cache;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        return inbox.process(message, APPLIES, event -> switch (event.type()) {
            case USER_ACCOUNT_CREATED -> cache.onAccountCreated(event, event.payloadAs(UserAccountCreated.class));
            case USER_ACCOUNT_STATUS_CHANGED -> cache.onStatusChanged(event,
                    event.payloadAs(io.lowcode.eventschema.payload.UserAccountStatusChanged.class));
            case PERMISSION_GRANTED -> cache.onGranted(event, event.payloadAs(PermissionGranted.class));
            case PERMISSION_REVOKED -> cache.onRevoked(event, event.payloadAs(PermissionRevoked.class));
            case ROLE_ASSIGNED -> cache.onRolesAssigned(event, event.payloadAs(RoleAssigned.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
