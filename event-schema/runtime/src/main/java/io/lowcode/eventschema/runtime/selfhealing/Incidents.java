package io.lowcode.eventschema.runtime.selfhealing;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.IncidentRecorded;
import io.lowcode.eventschema.runtime.ServiceConfig;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.messaging.OutboxPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The fault history from this service's side: every self-healing action becomes one {@code incident.recorded} event
 * (through the outbox, like every event), which the admin center keeps ({@code GET /api/v1/ops/incidents}). Counted in
 * {@code lowcode_self_healing_total{kind,outcome}}.
 */
@ApplicationScoped
public class Incidents {

    public static final String CONSUMER_STALLED = "consumer-stalled";
    public static final String RELAY_STALLED = "relay-stalled";
    public static final String DEAD_LETTERS_REDRIVEN = "dead-letters-redriven";
    public static final String EXECUTION_ORPHANED = "execution-orphaned";

    public static final String HEALED = "HEALED";
    public static final String FAILED = "FAILED";
    public static final String DONE = "DONE";

    private final Outbox outbox;
    private final OutboxPublisher publisher;
    private final MeterRegistry registry;
    private final String service;
    private final SourceModule source;

    public Incidents(Outbox outbox, OutboxPublisher publisher, MeterRegistry registry, ServiceConfig config) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.registry = registry;
        this.service = config.name();
        this.source = SourceModule.valueOf(config.name().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** One incident of this service. */
    public record Incident(String kind, String target, Instant detectedAt, String detection, String action,
            String outcome, String outcomeDetail, Instant endedAt) {
    }

    /** The event of {@code incident}, for a caller that writes it in its own transaction (with {@link Outbox#add}). */
    public EventEnvelope<IncidentRecorded> event(Incident incident) {
        String id = UUID.randomUUID().toString();
        registry.counter("lowcode.self.healing", "kind", incident.kind(), "outcome", incident.outcome()).increment();
        Log.infof("incident %s (%s, %s): %s -> %s -> %s%s in %d ms", id, incident.kind(), incident.target(),
                incident.detection(), incident.action(), incident.outcome(),
                incident.outcomeDetail() == null ? "" : " (" + incident.outcomeDetail() + ")",
                Duration.between(incident.detectedAt(), incident.endedAt()).toMillis());
        return EventEnvelope.of(EventType.INCIDENT_RECORDED, id, new IncidentRecorded(id, service, incident.kind(),
                        cut(incident.target(), 255), incident.detectedAt(), cut(incident.detection(), 2000),
                        cut(incident.action(), 2000), incident.outcome(), cut(incident.outcomeDetail(), 2000),
                        incident.endedAt()))
                .withId(id)
                .withSource(source)
                .withUserId("self-healing")
                .withTime(incident.endedAt());
    }

    /** Records {@code incident} in a transaction of its own and wakes the relay; never fails (logs instead). */
    public Uni<Void> record(Incident incident) {
        EventEnvelope<IncidentRecorded> event = event(incident);
        return Panache.withTransaction(() -> outbox.add(event))
                .invoke(publisher::wake)
                .onFailure().invoke(failure -> Log.warnf("could not record incident %s: %s", event.id(), failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
