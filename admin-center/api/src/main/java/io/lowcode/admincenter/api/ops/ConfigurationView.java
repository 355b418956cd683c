package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/ops/configuration}: the managed configuration as its newest version has it, with what differs in
 * reality (drift) and the version each service runs.
 *
 * @param version     the newest version
 * @param changedAt   when it was made
 * @param changedBy   who made it
 * @param reason      why
 * @param applyStatus APPLIED, PENDING (a partition expansion waits for its topic's consumers) or FAILED
 * @param environment the environment whose migrator parameters it holds ({@code lowcode.ops.configuration.environment})
 * @param parameters  every managed parameter
 * @param drift       parameters whose effective value is not the managed one
 * @param services    the configuration version each service applied (read from its metrics)
 */
public record ConfigurationView(int version, Instant changedAt, String changedBy, String reason, String applyStatus,
        String environment, List<Parameter> parameters, List<Drift> drift, List<ServiceVersion> services) {

    /**
     * One managed parameter.
     *
     * @param key          its key, e.g. {@code topics.function-unit-events.retention-ms}
     * @param value        its value in this version (text)
     * @param defaultValue what it was before it was managed (the catalog or the service's properties)
     * @param group        Topics, Alert thresholds, Notifier, Consumer retries, Self-healing, Migrator parameters
     * @param type         integer, duration, ratio, channels, names or choice
     * @param bounds       what is accepted, for people
     * @param description  what it does
     * @param appliedBy    how it takes effect: {@code kafka} (Admin API), {@code services} (configuration.changed) or
     *                     {@code recorded} (kept and shown, read by no code)
     * @param appliesTo    who applies it
     */
    public record Parameter(String key, String value, String defaultValue, String group, String type, String bounds,
            String description, String appliedBy, String appliesTo) {
    }

    /**
     * A parameter whose effective value differs from the managed one.
     *
     * @param key     the parameter
     * @param managed the managed value
     * @param actual  what is in force
     * @param detail  for people: who has it, since when, what to do
     */
    public record Drift(String key, String managed, String actual, String detail) {
    }

    /**
     * One service and the version it runs.
     *
     * @param service        its name
     * @param appliedVersion the version it applied, {@code null} when unknown (not reachable, none applied yet)
     * @param current        whether that is the newest version
     */
    public record ServiceVersion(String service, Integer appliedVersion, boolean current) {
    }
}
