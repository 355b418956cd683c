package io.lowcode.admincenter.api.ops;

import java.time.Instant;

/**
 * One entry of the fault history: a service healed itself, or tried to.
 *
 * @param id            incident id
 * @param service       the service that acted
 * @param kind          consumer-stalled, relay-stalled, dead-letters-redriven or execution-orphaned
 * @param target        what it is about (a channel, an outbox, a consumer, executions)
 * @param detectedAt    when the fault was detected
 * @param detection     what was seen
 * @param action        what was done
 * @param outcome       HEALED, FAILED or DONE
 * @param outcomeDetail how it ended
 * @param endedAt       when the outcome was known
 * @param durationMs    from detection to outcome
 */
public record Incident(String id, String service, String kind, String target, Instant detectedAt, String detection,
        String action, String outcome, String outcomeDetail, Instant endedAt, long durationMs) {
}
