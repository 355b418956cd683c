package io.lowcode.eventschema.envelope;

import io.lowcode.eventschema.payload.EventPayload;

import java.util.Objects;

/**
 * The CloudEvents {@code data} of every event: {@code {"operation": …, "status": …, "payload": {…}}}.
 *
 * @param operation the business operation reported
 * @param status    its result
 * @param payload   the typed payload of the event type's current version
 * @param <P>       payload type
 */
public record EventData<P extends EventPayload>(Operation operation, Status status, P payload) {

    public EventData {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(payload, "payload");
    }
}
