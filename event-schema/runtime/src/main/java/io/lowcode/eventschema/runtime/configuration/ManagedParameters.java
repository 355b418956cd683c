package io.lowcode.eventschema.runtime.configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.payload.ConfigurationChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * The platform's managed configuration as this pod applied it: the newest {@code configuration.changed} version read
 * from {@code platform-operations-events} ({@link ConfigurationListener}). Code that honours a managed parameter asks
 * here first and falls back to its own {@code @ConfigMapping} value when the parameter is not managed (yet): a service
 * works the same before the admin center ever published a version. Values arrive validated by the admin center; a value
 * this build cannot read is ignored with a warning (the fallback applies), never a failure. Thread-safe, lock-free.
 *
 * <p>The applied version is the gauge {@code lowcode_configuration_version}: the admin center reads it from each
 * service's metrics and shows which version every service runs.
 */
@ApplicationScoped
public class ManagedParameters {

    /** One applied version. */
    public record Applied(int version, Map<String, String> parameters, Instant appliedAt) {
        static final Applied NONE = new Applied(0, Map.of(), null);
    }

    private volatile Applied applied = Applied.NONE;
    private final AtomicLong version = new AtomicLong();

    public ManagedParameters(MeterRegistry registry) {
        registry.gauge("lowcode.configuration.version", version);
    }

    /** Applies {@code change} if it is newer than what is applied; returns whether it was. */
    public synchronized boolean apply(ConfigurationChanged change) {
        if (change.version() <= applied.version()) {
            return false;
        }
        applied = new Applied(change.version(), Map.copyOf(change.parameters()), Instant.now());
        version.set(change.version());
        Log.infof("configuration version %d applied (changed %s by %s: %s)", change.version(), change.changed(),
                change.changedBy(), change.reason());
        return true;
    }

    public Applied applied() {
        return applied;
    }

    /** The managed value of {@code key}, if this pod applied one. */
    public Optional<String> text(String key) {
        return Optional.ofNullable(applied.parameters().get(key));
    }

    public int integer(String key, int fallback) {
        return parsed(key, fallback, Integer::valueOf);
    }

    public long number(String key, long fallback) {
        return parsed(key, fallback, Long::valueOf);
    }

    public double ratio(String key, double fallback) {
        return parsed(key, fallback, Double::valueOf);
    }

    /** A duration in the admin center's notation ({@code 500ms}, {@code 30s}, {@code 10M}, {@code 2H}, {@code 1D}). */
    public Duration duration(String key, Duration fallback) {
        return parsed(key, fallback, Durations::parse);
    }

    private <T> T parsed(String key, T fallback, java.util.function.Function<String, T> parser) {
        String value = applied.parameters().get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return parser.apply(value.strip());
        } catch (RuntimeException e) {
            Log.warnf("managed parameter %s=%s of configuration version %d is not readable here (%s); using %s",
                    key, value, applied.version(), e.getMessage(), fallback);
            return fallback;
        }
    }
}
