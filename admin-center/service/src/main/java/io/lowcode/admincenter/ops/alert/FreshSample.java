package io.lowcode.admincenter.ops.alert;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.lowcode.admincenter.ops.monitoring.MonitoringViews;
import io.lowcode.admincenter.ops.monitoring.SamplingConfig;

/**
 * The Kafka sample the rules judge by, only when it is fresh (at most three sampling intervals old): rules never
 * resolve an alert on stale data.
 */
@ApplicationScoped
public class FreshSample {

    private final MonitoringViews views;
    private final Duration maxAge;

    public FreshSample(MonitoringViews views, SamplingConfig sampling) {
        this.views = views;
        this.maxAge = sampling.interval().multipliedBy(3).plus(sampling.kafkaTimeout());
    }

    /** The newest sample; fails when there is none that is fresh. */
    public KafkaSample get() {
        KafkaSample sample = views.latest().orElseThrow(() -> new IllegalStateException("no Kafka sample yet"));
        if (sample.at().isBefore(Instant.now().minus(maxAge))) {
            throw new IllegalStateException("the newest Kafka sample is from " + sample.at()
                    + (views.lastError() == null ? "" : "; sampling fails: " + views.lastError()));
        }
        return sample;
    }

    public MonitoringViews views() {
        return views;
    }
}
