package io.lowcode.portal.access;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.restassured.specification.RequestSpecification;

/**
 * What the admin center would put on {@code user-permission-events}, sent straight to the test's real broker, and
 * requests as the users those events make.
 */
public final class AccessEvents {

    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static volatile UUID powerUser;

    private AccessEvents() {
    }

    public static EventEnvelope<UserAccountCreated> accountCreated(UUID userId, String username, List<String> roles) {
        return event(EventType.USER_ACCOUNT_CREATED, userId,
                new UserAccountCreated(userId.toString(), username, "User " + username, username + "@example.com", roles));
    }

    public static EventEnvelope<PermissionGranted> granted(UUID userId, String permission) {
        return event(EventType.PERMISSION_GRANTED, userId, new PermissionGranted(userId.toString(), permission, "admin-1"));
    }

    public static EventEnvelope<PermissionRevoked> revoked(UUID userId, String permission) {
        return event(EventType.PERMISSION_REVOKED, userId, new PermissionRevoked(userId.toString(), permission, "admin-1"));
    }

    public static EventEnvelope<RoleAssigned> rolesAssigned(UUID userId, List<String> roles, List<String> previous) {
        return event(EventType.ROLE_ASSIGNED, userId, new RoleAssigned(userId.toString(), roles, previous, "admin-1"));
    }

    /** Sends the events in order, each with its subject (the user id) as key, as the outbox relay does. */
    public static void send(EventEnvelope<?>... events) {
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers())) {
            for (EventEnvelope<?> event : events) {
                sender.send(event);
            }
        }
    }

    /** A request by {@code userId} with the platform role {@code user}. */
    public static RequestSpecification as(UUID userId) {
        return Authorized.asUser(userId.toString(), Roles.USER);
    }

    /** A new portal account with {@code roles}, once the portal has activated it. */
    public static UUID newUser(List<String> roles) {
        UUID userId = UUID.randomUUID();
        send(accountCreated(userId, "u-" + userId.toString().substring(0, 8), roles));
        await().atMost(APPLIED).untilAsserted(() -> as(userId).get("/api/v1/me").then().statusCode(200));
        return userId;
    }

    /** One user (per test JVM) with the {@code power-user} role: may execute every function. */
    public static synchronized UUID powerUser() {
        if (powerUser == null) {
            powerUser = newUser(List.of(Roles.USER, Roles.POWER_USER));
        }
        return powerUser;
    }

    /** A request by {@link #powerUser()}. */
    public static RequestSpecification asPowerUser() {
        return as(powerUser());
    }

    private static <P extends EventPayload> EventEnvelope<P> event(EventType type, UUID userId, P payload) {
        return EventEnvelope.of(type, userId.toString(), payload)
                .withSource(SourceModule.ADMIN_CENTER)
                .withCorrelationId(UUID.randomUUID().toString())
                .withUserId("admin-1");
    }
}
