package io.lowcode.eventschema.runtime.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The messaging metrics every service exposes at {@code /q/metrics}:
 * {@code lowcode_events_published_total{type,outcome}}, {@code lowcode_events_consumed_total{type,outcome}},
 * {@code lowcode_events_retried_total{type}}, {@code lowcode_events_dead_lettered_total{type,kind}},
 * {@code lowcode_events_publish_latency_seconds{type}} (commit → Kafka ack),
 * {@code lowcode_events_processing_seconds{type}} (receive → applied), the gauges
 * {@code lowcode_outbox_pending} (events committed but not yet acknowledged by Kafka, parked rows aside) and
 * {@code lowcode_outbox_oldest_pending_age_seconds} (how long the oldest of them has waited; 0 when none waits —
 * computed when scraped from the oldest row's commit time, so it keeps growing while the sweep backs off),
 * {@code lowcode_events_foreign_source_total{type,consumer}} (events refused because their {@code source} does not
 * produce their type) and {@code lowcode_outbox_parked_total{type,topic}} (outbox rows Kafka refused for good, parked
 * instead of retried).
 */
@ApplicationScoped
public class EventMetrics {

    private final MeterRegistry registry;
    private final AtomicLong outboxPending = new AtomicLong();
    /** Commit time (epoch ms) of the oldest unpublished outbox row, or 0 when none. */
    private final AtomicLong oldestPendingMillis = new AtomicLong();

    public EventMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("lowcode.outbox.pending", outboxPending);
        io.micrometer.core.instrument.Gauge.builder("lowcode.outbox.oldest.pending.age", this,
                        EventMetrics::oldestPendingAgeSeconds)
                .baseUnit("seconds")
                .description("How long the oldest event committed to the outbox has waited for Kafka's acknowledgement")
                .register(registry);
    }

    void published(String type, boolean success) {
        counter("lowcode.events.published", "type", type, "outcome", success ? "acknowledged" : "failed").increment();
    }

    void publishLatency(String type, Duration sinceCommit) {
        timer("lowcode.events.publish.latency", type).record(sinceCommit);
    }

    void consumed(String type, InboxOutcome outcome, Duration processing) {
        counter("lowcode.events.consumed", "type", type, "outcome", outcome.label()).increment();
        timer("lowcode.events.processing", type).record(processing);
    }

    void retried(String type) {
        counter("lowcode.events.retried", "type", type).increment();
    }

    void deadLettered(String type, String kind) {
        counter("lowcode.events.dead.lettered", "type", type, "kind", kind).increment();
    }

    void foreignSource(String type, String consumer) {
        counter("lowcode.events.foreign.source", "type", type, "consumer", consumer).increment();
    }

    void parked(String type, String topic) {
        counter("lowcode.outbox.parked", "type", type, "topic", topic).increment();
    }

    /** The outbox backlog: how many rows wait and when the oldest of them was committed ({@code null}: none). */
    void outboxBacklog(long pending, java.time.Instant oldest) {
        outboxPending.set(pending);
        oldestPendingMillis.set(pending == 0 || oldest == null ? 0 : oldest.toEpochMilli());
    }

    /** Seconds the oldest pending row has waited, 0 when nothing waits. */
    public double oldestPendingAgeSeconds() {
        long oldest = oldestPendingMillis.get();
        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest) / 1000.0;
    }

    private Counter counter(String name, String... tags) {
        return registry.counter(name, tags);
    }

    private Timer timer(String name, String type) {
        return Timer.builder(name).tag("type", type).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }
}
