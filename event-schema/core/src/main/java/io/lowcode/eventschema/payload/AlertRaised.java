package io.lowcode.eventschema.payload;

import java.time.Instant;
import java.util.Map;

/**
 * {@code alert.raised} v1: an alert rule fired.
 *
 * @param alertId  id of the alert (the event subject)
 * @param rule     name of the rule
 * @param severity how urgent
 * @param summary  one-line summary
 * @param details  measurements and labels behind the alert
 * @param raisedAt when the condition started
 */
public record AlertRaised(String alertId, String rule, Severity severity, String summary,
                          Map<String, String> details, Instant raisedAt) implements EventPayload {

    public AlertRaised {
        Payloads.required(alertId, "alertId");
        details = Payloads.copy(details);
    }
}
