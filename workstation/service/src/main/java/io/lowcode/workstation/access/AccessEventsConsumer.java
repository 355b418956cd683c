package io.lowcode.workstation.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.payload.UserAccountStatusChanged;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.lowcode.eventschema.runtime.messaging.PermanentEventFailure;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the workstation's accounts from {@code user-permission-events} (channel {@value #CHANNEL}, key = user id, so
 * one user's events apply in order): roles from {@code user.account-created} and {@code role.assigned}, the status from
 * {@code user.account-status-changed}. Applied once each through the inbox; failures retried, then dead-lettered.
 */
@ApplicationScoped
public class AccessEventsConsumer {

    static final Set<EventType> APPLIES = EnumSet.of(EventType.USER_ACCOUNT_CREATED, EventType.ROLE_ASSIGNED,
            EventType.USER_ACCOUNT_STATUS_CHANGED);

    /** Channel = consumer id in the inbox; configured as {@code mp.messaging.incoming.access.*}. */
    public static final String CHANNEL = "access";

    private final InboxProcessor inbox;

    public AccessEventsConsumer(InboxProcessor inbox) {
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        return inbox.process(message, APPLIES, event -> switch (event.type()) {
            case USER_ACCOUNT_CREATED -> {
                UserAccountCreated created = event.payloadAs(UserAccountCreated.class);
                yield save(event, created.userId(), created.roles(), "ACTIVE");
            }
            case ROLE_ASSIGNED -> {
                RoleAssigned assigned = event.payloadAs(RoleAssigned.class);
                yield save(event, assigned.userId(), assigned.roles(), null);
            }
            case USER_ACCOUNT_STATUS_CHANGED -> {
                UserAccountStatusChanged changed = event.payloadAs(UserAccountStatusChanged.class);
                yield save(event, changed.userId(), null, changed.status());
            }
            default -> Uni.createFrom().voidItem();
        });
    }

    /** Sets the roles and/or the status ({@code null}: unchanged) of the event's user. */
    private static Uni<Void> save(EventEnvelope<?> event, String userId, List<String> roles, String status) {
        UUID id = userId(event, userId);
        return AccountEntity.<AccountEntity>findById(id).flatMap(existing -> {
            AccountEntity account = existing != null ? existing : new AccountEntity();
            account.userId = id;
            if (roles != null) {
                account.roles = JsonNodeFactory.instance.arrayNode()
                        .addAll(roles.stream().map(TextNode::valueOf).toList()).toString();
            } else if (account.roles == null) {
                account.roles = "[]";
            }
            if (status != null) {
                account.status = status;
            } else if (account.status == null) {
                account.status = "ACTIVE";
            }
            account.updatedAt = event.time();
            Log.infof("account %s: roles %s, %s (event %s %s, correlation %s)", id, account.roles, account.status,
                    event.type().type(), event.id(), event.correlationid());
            return existing != null ? Uni.createFrom().voidItem() : account.persist().replaceWithVoid();
        });
    }

    private static UUID userId(EventEnvelope<?> event, String userId) {
        if (!event.subject().equals(userId)) {
            throw new PermanentEventFailure("event " + event.id() + " is about " + event.subject()
                    + " but its payload names user " + userId);
        }
        try {
            return UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            throw new PermanentEventFailure("user id '" + userId + "' of event " + event.id() + " is not a UUID");
        }
    }
}
