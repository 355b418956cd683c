package io.lowcode.eventschema.payload;

import java.time.Instant;

/**
 * {@code incident.recorded} v1: a service healed itself (or tried to), for the admin center's fault history
 * ({@code GET /api/v1/ops/incidents}): what it detected, what it did, how that ended and how long it took.
 *
 * @param incidentId    id of the incident (the event subject)
 * @param service       the service that acted, e.g. {@code portal}
 * @param kind          {@code consumer-stalled}, {@code relay-stalled}, {@code dead-letters-redriven} or {@code execution-orphaned}
 * @param target        what it is about: a channel, the outbox, a consumer, an execution
 * @param detectedAt    when the fault was detected
 * @param detection     what was seen, for people
 * @param action        what was done, for people
 * @param outcome       {@code HEALED}, {@code FAILED} or {@code DONE}
 * @param outcomeDetail how it ended, for people, or {@code null}
 * @param endedAt       when the outcome was known
 */
public record IncidentRecorded(String incidentId, String service, String kind, String target, Instant detectedAt,
        String detection, String action, String outcome, String outcomeDetail, Instant endedAt)
        implements EventPayload {

    public IncidentRecorded {
        Payloads.required(incidentId, "incidentId");
        Payloads.required(service, "service");
        Payloads.required(kind, "kind");
        Payloads.required(outcome, "outcome");
    }
}
