package io.lowcode.eventschema;

import java.util.Optional;

import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;

/**
 * The business object whose state an event of a type sets ({@link EventType#stateObject()}). A consumer remembers,
 * per object, the position (event time, then event id) of the last change it applied and skips an older one: a
 * late delivery or a replay from the dead-letter topic never undoes a newer change. Offsets cannot order them — a
 * replay gets a new one.
 *
 * <p>The object is chosen per type with care: a permission event is about one permission of one user, not the user
 * — otherwise an older grant of another permission, replayed, would be skipped and lost.
 */
public enum StateObject {

    /** Not a state change that a replay could undo (facts, appends, idempotent per id): never skipped. */
    NONE,
    /** The user (the subject): their account and roles. Key {@code user:<subject>}. */
    USER,
    /**
     * Whether the user's account is active or disabled. Key {@code user:<subject>:status}: apart from {@link #USER}, so
     * that an older role assignment replayed after a newer status change is not skipped (and the other way round).
     */
    USER_STATUS,
    /** One permission of one user. Key {@code user:<subject>:permission:<permission>}. */
    USER_PERMISSION,
    /** The function unit (the subject): which version is deployed. Key {@code function-unit:<subject>}. */
    FUNCTION_UNIT;

    /** The object key of {@code event}, empty for {@link #NONE}. */
    public Optional<String> keyOf(EventEnvelope<?> event) {
        return switch (this) {
            case NONE -> Optional.empty();
            case USER -> Optional.of("user:" + event.subject());
            case USER_STATUS -> Optional.of("user:" + event.subject() + ":status");
            case USER_PERMISSION -> Optional.of("user:" + event.subject() + ":permission:" + permissionOf(event));
            case FUNCTION_UNIT -> Optional.of("function-unit:" + event.subject());
        };
    }

    private static String permissionOf(EventEnvelope<?> event) {
        if (event.payload() instanceof PermissionGranted granted) {
            return granted.permission();
        }
        if (event.payload() instanceof PermissionRevoked revoked) {
            return revoked.permission();
        }
        throw new IllegalArgumentException(event.type().type() + " is not about a user's permission");
    }
}
