package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.Map;

/**
 * An alert: one firing of one rule for one target, from raised to resolved.
 *
 * @param id             alert id (the subject of its {@code alert.raised} / {@code alert.resolved} events)
 * @param rule           the rule, e.g. {@code consumer-group}
 * @param target         what it is about, e.g. the group {@code portal.access} or broker {@code 2}
 * @param severity       INFO, WARNING or CRITICAL
 * @param status         FIRING or RESOLVED
 * @param summary        one line for people
 * @param evidence       the measurements behind it when it was raised
 * @param raisedAt       when it was raised
 * @param resolvedAt     when it cleared, or {@code null}
 * @param acknowledgedAt when someone acknowledged it, or {@code null}
 * @param acknowledgedBy who, or {@code null}
 * @param notified       whether {@code alert.raised} went out (a silenced alert is recorded but not notified)
 */
public record Alert(String id, String rule, String target, String severity, String status, String summary,
        Map<String, String> evidence, Instant raisedAt, Instant resolvedAt, Instant acknowledgedAt,
        String acknowledgedBy, boolean notified) {
}
