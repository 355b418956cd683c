package io.lowcode.eventschema.payload;

import java.time.Instant;

/**
 * {@code alert.resolved} v1: a firing alert stopped firing.
 *
 * @param alertId    id of the alert (the event subject)
 * @param rule       name of the rule
 * @param resolvedAt when the condition cleared
 * @param summary    how it was resolved, or {@code null}
 */
public record AlertResolved(String alertId, String rule, Instant resolvedAt, String summary)
        implements EventPayload {

    public AlertResolved {
        Payloads.required(alertId, "alertId");
    }
}
