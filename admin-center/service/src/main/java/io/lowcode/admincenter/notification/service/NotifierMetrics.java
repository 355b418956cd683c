package io.lowcode.admincenter.notification.service;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.notification.persistence.DeliveryStatus;
import io.lowcode.eventschema.payload.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The notifier's metrics at {@code /q/metrics}: {@code lowcode_notifications_total{channel,outcome}} — outcome
 * {@code pending}, {@code suppressed}, {@code rate_limited}, {@code skipped} when planned, then {@code sent},
 * {@code retried}, {@code failed} per attempt — and {@code lowcode_notification_delivery_latency_seconds{channel}},
 * from the request event's time to the channel's acceptance.
 */
@ApplicationScoped
public class NotifierMetrics {

    private final MeterRegistry registry;

    public NotifierMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void planned(Channel channel, DeliveryStatus status) {
        outcome(channel, status.name().toLowerCase(Locale.ROOT));
    }

    public void sent(Channel channel, Duration sinceRequested) {
        outcome(channel, "sent");
        Timer.builder("lowcode.notification.delivery.latency").tag("channel", channel.name())
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry)
                .record(sinceRequested.isNegative() ? Duration.ZERO : sinceRequested);
    }

    public void retried(Channel channel) {
        outcome(channel, "retried");
    }

    public void failed(Channel channel) {
        outcome(channel, "failed");
    }

    private void outcome(Channel channel, String outcome) {
        registry.counter("lowcode.notifications", "channel", channel.name(), "outcome", outcome).increment();
    }
}
