package io.lowcode.admincenter.ops.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.lowcode.admincenter.ops.monitoring.EventFlowSampler;
import io.lowcode.admincenter.ops.monitoring.ServiceMetrics;
import io.smallrye.mutiny.Uni;

/**
 * Rules over the services' own metrics (read by {@link EventFlowSampler}): {@code outbox-age} and
 * {@code publish-failures}. A service that cannot be scraped says nothing (its alerts stay as they are).
 */
public final class ServiceRules {

    private ServiceRules() {
    }

    /** {@code outbox-age}: the oldest unpublished outbox row of a service is older than {@code max-age}. */
    @Singleton
    public static class OutboxAge extends NamedRule<AlertsConfig.OutboxAge> {

        static final String NAME = "outbox-age";
        private final EventFlowSampler sampler;
        private final AlertThresholds thresholds;

        public OutboxAge(EventFlowSampler sampler, AlertsConfig config, AlertThresholds thresholds) {
            super(NAME, config.outboxAge());
            this.sampler = sampler;
            this.thresholds = thresholds;
        }

        @Override
        public Uni<List<Condition>> evaluate() {
            return Uni.createFrom().item(() -> {
                List<Condition> firing = new ArrayList<>();
                for (Map.Entry<String, ServiceMetrics[]> e : sampler.latest().entrySet()) {
                    ServiceMetrics now = e.getValue()[0];
                    double maxAge = thresholds.outboxMaxAge().toMillis() / 1000.0;
                    if (now.error() == null && now.outboxOldestAge() != null && now.outboxOldestAge() > maxAge) {
                        firing.add(new Condition(NAME, e.getKey(), config.severity(), "the outbox of " + e.getKey()
                                + " has held an event for " + Math.round(now.outboxOldestAge()) + " s", new Evidence()
                                .put("service", e.getKey()).put("oldestAgeSeconds", now.outboxOldestAge())
                                .put("pending", now.outboxPending()).put("maxAgeSeconds", maxAge)
                                .put("readAt", now.at()).map()));
                    }
                }
                return firing;
            });
        }
    }

    /** {@code publish-failures}: more than {@code ratio} of a service's sends to Kafka failed over the rate span. */
    @Singleton
    public static class PublishFailures extends NamedRule<AlertsConfig.PublishFailures> {

        static final String NAME = "publish-failures";
        private final EventFlowSampler sampler;
        private final AlertThresholds thresholds;

        public PublishFailures(EventFlowSampler sampler, AlertsConfig config, AlertThresholds thresholds) {
            super(NAME, config.publishFailures());
            this.sampler = sampler;
            this.thresholds = thresholds;
        }

        @Override
        public Uni<List<Condition>> evaluate() {
            return Uni.createFrom().item(() -> {
                List<Condition> firing = new ArrayList<>();
                for (Map.Entry<String, ServiceMetrics[]> e : sampler.latest().entrySet()) {
                    ServiceMetrics now = e.getValue()[0];
                    ServiceMetrics before = e.getValue()[1];
                    if (now.error() != null || before == null) {
                        continue;
                    }
                    double[] a = before.publishTotals();
                    double[] b = now.publishTotals();
                    double ok = Math.max(0, b[0] - a[0]);
                    double failed = Math.max(0, b[1] - a[1]);
                    double ratio = ok + failed == 0 ? 0 : failed / (ok + failed);
                    double threshold = thresholds.publishFailuresRatio();
                    if (ok + failed >= config.minEvents() && ratio > threshold) {
                        firing.add(new Condition(NAME, e.getKey(), config.severity(), String.format(
                                "%.0f %% of %s's sends to Kafka failed", ratio * 100, e.getKey()), new Evidence()
                                .put("service", e.getKey()).put("failed", (long) failed).put("acknowledged", (long) ok)
                                .put("ratio", ratio).put("threshold", threshold)
                                .put("from", before.at()).put("to", now.at()).map()));
                    }
                }
                return firing;
            });
        }
    }
}
