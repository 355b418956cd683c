package io.lowcode.admincenter.api;

import java.time.Instant;
import java.util.Map;

/**
 * One function-unit lifecycle event in the operations timeline of the monitoring service.
 *
 * @param eventId        the event's id
 * @param functionUnitId the function unit
 * @param name           its name, as the event gave it
 * @param version        the version the event is about, or {@code null} (created)
 * @param eventType      {@code function-unit.created}, {@code .published}, {@code .deployed} or {@code .retired}
 * @param status         the event's status: {@code SUCCESS} or {@code FAILED}
 * @param occurredAt     the event's time
 * @param actor          who caused it (the event's user), or {@code null}
 * @param source         the producing module, e.g. {@code /lowcode/workstation}
 * @param correlationId  the business flow, or {@code null}
 * @param traceId        the W3C trace id of the request that caused it, or {@code null}
 * @param details        what else the event says (reason, environment, deployment id, content digest …)
 */
public record TimelineEntry(String eventId, String functionUnitId, String name, String version, String eventType,
        String status, Instant occurredAt, String actor, String source, String correlationId, String traceId,
        Map<String, Object> details) {
}
