package io.lowcode.admincenter.notification.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.access.persistence.UserPermissionEntity;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.access.Permission;
import io.lowcode.eventschema.access.RoleCatalog;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.Recipients;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.messaging.PendingEvent;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.smallrye.mutiny.Uni;

/**
 * The {@code notification.requested} events the admin center's own changes emit, written to the outbox in the
 * caller's transaction (so they exist exactly when the change committed) and relayed with the change's own event:
 * a deployed or retired function unit tells the users allowed to use it, a new account tells its user.
 */
@ApplicationScoped
public class NotificationRequests {

    /** The recipients list of one event holds at most this many user ids (the event's JSON Schema). */
    static final int MAX_USERS_PER_EVENT = 100;

    private final Outbox outbox;

    public NotificationRequests(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Tells the unit's users that {@code version} is live in {@code environment}. */
    public Uni<List<PendingEvent>> functionUnitDeployed(String functionUnitId, String name, String version,
            String environment, Caller caller) {
        return toUsersOf(functionUnitId, Templates.FUNCTION_UNIT_DEPLOYED, Map.of("functionUnitId", functionUnitId,
                "name", name, "version", version, "environment", environment), caller);
    }

    /** Tells the unit's users that {@code version} was retired. */
    public Uni<List<PendingEvent>> functionUnitRetired(String functionUnitId, String name, String version, String reason,
            Caller caller) {
        return toUsersOf(functionUnitId, Templates.FUNCTION_UNIT_RETIRED, Map.of("functionUnitId", functionUnitId,
                "name", name, "version", version, "reason", reason == null ? "" : reason), caller);
    }

    /** Welcomes the new account's user. */
    public Uni<PendingEvent> accountCreated(String userId, String username, Caller caller) {
        return add(new Recipients(List.of(userId), List.of()), Templates.ACCOUNT_CREATED,
                Map.of("userId", userId, "username", username), List.of(Channel.EMAIL), caller);
    }

    /**
     * Who may use a unit: the roles whose grants allow {@code function-unit:<id>:execute} (power-user) and the users
     * granted it directly, for this unit or all units. In chunks of {@link #MAX_USERS_PER_EVENT} users; the roles go
     * with the first.
     */
    private Uni<List<PendingEvent>> toUsersOf(String functionUnitId, String template, Map<String, String> parameters,
            Caller caller) {
        Permission execute = Permission.of("function-unit", functionUnitId, "execute");
        List<String> roles = Arrays.stream(RoleCatalog.values()).filter(r -> RoleCatalog.allows(r.grants(), execute))
                .map(RoleCatalog::role).toList();
        return UserPermissionEntity.holdersOf(execute)
                .flatMap(users -> {
                    List<Recipients> chunks = new ArrayList<>();
                    chunks.add(new Recipients(users.subList(0, Math.min(users.size(), MAX_USERS_PER_EVENT)), roles));
                    for (int from = MAX_USERS_PER_EVENT; from < users.size(); from += MAX_USERS_PER_EVENT) {
                        chunks.add(new Recipients(users.subList(from, Math.min(users.size(), from + MAX_USERS_PER_EVENT)),
                                List.of()));
                    }
                    if (chunks.get(0).users().isEmpty() && chunks.get(0).roles().isEmpty()) {
                        return Uni.createFrom().item(List.<PendingEvent>of());
                    }
                    Uni<List<PendingEvent>> all = Uni.createFrom().item(new ArrayList<>());
                    for (Recipients chunk : chunks) {
                        all = all.flatMap(done -> add(chunk, template, parameters, List.of(Channel.EMAIL, Channel.IM), caller)
                                .map(pending -> {
                                    done.add(pending);
                                    return done;
                                }));
                    }
                    return all;
                });
    }

    private Uni<PendingEvent> add(Recipients recipients, String template, Map<String, String> parameters,
            List<Channel> channels, Caller caller) {
        String notificationId = UUID.randomUUID().toString();
        EventEnvelope<NotificationRequested> event = caller.stamp(EventEnvelope.of(EventType.NOTIFICATION_REQUESTED,
                notificationId, new NotificationRequested(notificationId, recipients, template, parameters, Severity.INFO,
                        channels))
                .withSource(SourceModule.ADMIN_CENTER));
        return outbox.add(event);
    }
}
