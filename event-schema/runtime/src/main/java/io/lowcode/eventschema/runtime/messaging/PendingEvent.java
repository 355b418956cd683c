package io.lowcode.eventschema.runtime.messaging;

import java.util.UUID;

/**
 * An event written to the outbox in the current transaction, not yet known to be on Kafka.
 *
 * @param eventId the CloudEvents id
 * @param key     the Kafka key (the CloudEvents subject)
 * @param type    the event type string
 */
public record PendingEvent(UUID eventId, String key, String type) {
}
