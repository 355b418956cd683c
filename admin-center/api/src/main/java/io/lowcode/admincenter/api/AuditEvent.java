package io.lowcode.admincenter.api;

import java.time.Instant;

/**
 * One entry of the audit log: an event the admin center consumed or an action an admin took.
 *
 * @param id            position in the log
 * @param occurredAt    when it happened (the event's time)
 * @param eventType     the event type, e.g. {@code function-unit.published}
 * @param subject       the business object, e.g. the function unit id
 * @param actor         who did it, or {@code null} when unknown
 * @param source        the producing module, e.g. {@code /lowcode/workstation}
 * @param eventId       the consumed or emitted event's id, or {@code null}
 * @param correlationId the business flow, or {@code null}
 * @param summary       one line for people
 */
public record AuditEvent(long id, Instant occurredAt, String eventType, String subject, String actor, String source,
        String eventId, String correlationId, String summary) {
}
