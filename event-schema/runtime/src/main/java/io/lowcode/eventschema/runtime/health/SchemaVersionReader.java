package io.lowcode.eventschema.runtime.health;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.ServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads the Flyway version the migrator has brought the service's schema to: the highest successful
 * versioned migration in {@code <schema>.flyway_schema_history}. Empty when nothing was applied; fails
 * when the database does not answer or the history table does not exist yet.
 */
@ApplicationScoped
public class SchemaVersionReader {

    private final Pool pool;
    private final ServiceConfig service;

    public SchemaVersionReader(Pool pool, ServiceConfig service) {
        this.pool = pool;
        this.service = service;
    }

    /** The version this build needs ({@code lowcode.service.required-schema-version}). */
    public SchemaVersion required() {
        return SchemaVersion.parse(service.requiredSchemaVersion());
    }

    public String schema() {
        return service.schema();
    }

    /** The schema's current version. */
    public Uni<Optional<SchemaVersion>> current() {
        return pool.preparedQuery("""
                SELECT version FROM %s.flyway_schema_history
                WHERE success AND version IS NOT NULL""".formatted(quoted(service.schema())))
                .execute()
                .map(rows -> {
                    SchemaVersion current = null;
                    for (Row row : rows) {
                        SchemaVersion v = SchemaVersion.parse(row.getString("version"));
                        if (current == null || v.compareTo(current) > 0) {
                            current = v;
                        }
                    }
                    return Optional.ofNullable(current);
                });
    }

    private static String quoted(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unsafe schema name: " + identifier);
        }
        return identifier;
    }
}
