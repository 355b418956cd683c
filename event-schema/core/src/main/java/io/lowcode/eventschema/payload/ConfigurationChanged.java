package io.lowcode.eventschema.payload;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code configuration.changed} v1: a new version of the platform's managed configuration (the admin center's
 * {@code /api/v1/ops/configuration}). It carries every service parameter of that version, not only the changed ones,
 * so a service that reads only the newest event has the whole picture; each service applies the keys it knows and
 * ignores the rest. Topic settings are not in it: the admin center applies them to Kafka itself.
 *
 * @param version    the configuration version (1, 2, ...); a service never applies a lower one after a higher one
 * @param parameters every service parameter of this version, key → value as text (e.g. {@code messaging.retry.max-attempts} → {@code 4})
 * @param changed    the keys this version changed
 * @param reason     why (required of whoever changed it)
 * @param changedBy  the user who made the change
 * @param changedAt  when
 * @param rollbackOf the version a rollback restored, or {@code null}
 */
public record ConfigurationChanged(int version, Map<String, String> parameters, List<String> changed, String reason,
        String changedBy, Instant changedAt, Integer rollbackOf) implements EventPayload {

    public ConfigurationChanged {
        Payloads.required(parameters, "parameters");
        Payloads.required(reason, "reason");
        parameters = Map.copyOf(parameters);
        changed = changed == null ? List.of() : List.copyOf(changed);
    }
}
