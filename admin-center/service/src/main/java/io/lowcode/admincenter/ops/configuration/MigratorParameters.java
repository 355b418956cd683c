package io.lowcode.admincenter.ops.configuration;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The per-environment parameters the migrator's configuration steps write to {@code ops_migrator.platform_config}
 * (read-only: the migrator grants the admin center's role SELECT on its schema). Absent table or no privilege: none.
 */
@ApplicationScoped
public class MigratorParameters {

    /** One parameter as the migrator wrote it. */
    public record Written(String value, Instant updatedAt, String stepId) {
    }

    private final Pool pool;
    private final ConfigurationConfig config;

    public MigratorParameters(Pool pool, ConfigurationConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Uni<Map<String, Written>> read() {
        return pool.query("SELECT to_regclass('ops_migrator.platform_config') IS NOT NULL AND "
                        + "has_table_privilege(to_regclass('ops_migrator.platform_config'), 'SELECT')").execute()
                .flatMap(readable -> !readable.iterator().next().getBoolean(0) ? Uni.createFrom().item(Map.of())
                        : pool.preparedQuery("SELECT key, value, updated_at, step_id FROM ops_migrator.platform_config "
                                + "WHERE environment = $1 ORDER BY key").execute(Tuple.of(config.environment()))
                                .map(rows -> {
                                    Map<String, Written> written = new LinkedHashMap<>();
                                    for (Row r : rows) {
                                        written.put(r.getString("key"), new Written(r.getString("value"),
                                                r.getOffsetDateTime("updated_at").toInstant(), r.getString("step_id")));
                                    }
                                    return written;
                                }));
    }
}
