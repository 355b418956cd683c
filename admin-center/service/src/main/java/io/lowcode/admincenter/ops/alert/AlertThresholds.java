package io.lowcode.admincenter.ops.alert;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.configuration.ManagedKeys;
import io.lowcode.eventschema.runtime.configuration.ManagedParameters;

/**
 * The rules' thresholds as they are now: the managed configuration's ({@code /api/v1/ops/configuration}, applied from
 * {@code configuration.changed} without a restart), else {@code lowcode.ops.alerts.*}.
 */
@ApplicationScoped
public class AlertThresholds {

    private final ManagedParameters managed;
    private final AlertsConfig config;

    public AlertThresholds(ManagedParameters managed, AlertsConfig config) {
        this.managed = managed;
        this.config = config;
    }

    public long consumerGroupLag() {
        return managed.number(ManagedKeys.ALERT_LAG_THRESHOLD, config.consumerGroupLag().threshold());
    }

    public Duration consumerGroupLagFor() {
        return managed.duration(ManagedKeys.ALERT_LAG_FOR, config.consumerGroupLag().forDuration());
    }

    public long deadLetters() {
        return managed.number(ManagedKeys.ALERT_DEAD_LETTERS_THRESHOLD, config.deadLetters().threshold());
    }

    public Duration outboxMaxAge() {
        return managed.duration(ManagedKeys.ALERT_OUTBOX_MAX_AGE, config.outboxAge().maxAge());
    }

    public double publishFailuresRatio() {
        return managed.ratio(ManagedKeys.ALERT_PUBLISH_FAILURES_RATIO, config.publishFailures().ratio());
    }

    public double executionFailuresRatio() {
        return managed.ratio(ManagedKeys.ALERT_EXECUTION_FAILURES_RATIO, config.executionFailures().ratio());
    }
}
