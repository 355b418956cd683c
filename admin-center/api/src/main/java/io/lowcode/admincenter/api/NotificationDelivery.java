package io.lowcode.admincenter.api;

import java.time.Instant;

/**
 * One entry of the notifier's delivery log: one notification to one recipient (or IM bot) on one channel.
 *
 * @param id             id of the delivery
 * @param notificationId the notification it belongs to
 * @param eventId        the {@code notification.requested} or {@code alert.*} event it came from
 * @param template       message template id
 * @param severity       INFO, WARNING or CRITICAL
 * @param channel        EMAIL, SMS or IM
 * @param recipient      a user id, or {@code bot:<name>} for an IM bot
 * @param address        where it goes: email address, phone number or bot name; {@code null} when SKIPPED
 * @param title          the rendered title
 * @param status         PENDING, SENDING, RETRY, SENT, FAILED, SUPPRESSED, RATE_LIMITED or SKIPPED
 * @param attempts       send attempts so far
 * @param lastError      why the last attempt failed, or why it was not sent
 * @param requestedAt    when the notification was requested (the event's time)
 * @param createdAt      when the notifier recorded it
 * @param sentAt         when the channel accepted it, or {@code null}
 */
public record NotificationDelivery(String id, String notificationId, String eventId, String template, String severity,
                                   String channel, String recipient, String address, String title, String status,
                                   int attempts, String lastError, Instant requestedAt, Instant createdAt,
                                   Instant sentAt) {
}
