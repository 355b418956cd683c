package io.lowcode.admincenter.ops.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One service's messaging numbers at one time, from its {@code /q/metrics} (the shared {@code EventMetrics} of
 * event-runtime): counters per event type since the service started, and its outbox.
 *
 * @param service        the service's name
 * @param at             when they were read
 * @param error          why they could not be read, else {@code null}
 * @param types          counters per event type
 * @param outboxPending  {@code lowcode_outbox_pending}, {@code null} when absent
 * @param outboxOldestAge {@code lowcode_outbox_oldest_pending_age_seconds}, {@code null} when absent
 * @param configurationVersion {@code lowcode_configuration_version}: the managed configuration version it applied
 */
public record ServiceMetrics(String service, Instant at, String error, Map<String, Counts> types, Double outboxPending,
        Double outboxOldestAge, Double configurationVersion) {

    static final String PUBLISHED = "lowcode_events_published_total";
    static final String CONSUMED = "lowcode_events_consumed_total";
    static final String RETRIED = "lowcode_events_retried_total";
    static final String DEAD_LETTERED = "lowcode_events_dead_lettered_total";
    static final String OUTBOX_PENDING = "lowcode_outbox_pending";
    static final String OUTBOX_OLDEST_AGE = "lowcode_outbox_oldest_pending_age_seconds";
    static final String CONFIGURATION_VERSION = "lowcode_configuration_version";

    /** Counters of one event type. */
    public record Counts(double published, double publishFailed, double consumed, double retried, double deadLettered) {

        Counts plus(Counts o) {
            return new Counts(published + o.published, publishFailed + o.publishFailed, consumed + o.consumed,
                    retried + o.retried, deadLettered + o.deadLettered);
        }
    }

    public static ServiceMetrics unreachable(String service, Instant at, String error) {
        return new ServiceMetrics(service, at, error, Map.of(), null, null, null);
    }

    /** Reads the numbers out of a scrape. */
    public static ServiceMetrics of(String service, Instant at, List<PrometheusText.Sample> samples) {
        Map<String, Counts> types = new TreeMap<>();
        Double pending = null;
        Double oldest = null;
        Double configuration = null;
        for (PrometheusText.Sample s : samples) {
            String type = s.labels().get("type");
            switch (s.name()) {
                case PUBLISHED -> add(types, type, "failed".equals(s.labels().get("outcome"))
                        ? new Counts(0, s.value(), 0, 0, 0) : new Counts(s.value(), 0, 0, 0, 0));
                case CONSUMED -> add(types, type, new Counts(0, 0, s.value(), 0, 0));
                case RETRIED -> add(types, type, new Counts(0, 0, 0, s.value(), 0));
                case DEAD_LETTERED -> add(types, type, new Counts(0, 0, 0, 0, s.value()));
                case OUTBOX_PENDING -> pending = s.value();
                case OUTBOX_OLDEST_AGE -> oldest = s.value();
                case CONFIGURATION_VERSION -> configuration = s.value();
                default -> {
                    // not a messaging metric
                }
            }
        }
        return new ServiceMetrics(service, at, null, types, pending, oldest, configuration);
    }

    private static void add(Map<String, Counts> types, String type, Counts counts) {
        if (type != null) {
            types.merge(type, counts, Counts::plus);
        }
    }

    /** Sends acknowledged and failed over all types. */
    public double[] publishTotals() {
        double ok = 0;
        double failed = 0;
        for (Counts c : types.values()) {
            ok += c.published();
            failed += c.publishFailed();
        }
        return new double[] { ok, failed };
    }
}
