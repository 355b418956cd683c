package io.lowcode.admincenter.notification.persistence;

import java.time.Instant;
import java.util.UUID;

import io.lowcode.eventschema.payload.Channel;

/** A delivery a dispatcher claimed (status SENDING) and now sends; {@code attempt} counts this one. */
public record ClaimedDelivery(UUID id, String notificationId, UUID eventId, String correlationId, String template,
                              String severity, Channel channel, String recipient, String address, String title,
                              String body, String payload, int attempt, Instant requestedAt) {
}
