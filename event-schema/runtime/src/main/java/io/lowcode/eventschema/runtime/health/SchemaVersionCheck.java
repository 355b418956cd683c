package io.lowcode.eventschema.runtime.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.lowcode.eventschema.runtime.ServiceConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Readiness: DOWN, with the reason, until the service's schema has reached the version it requires.
 * Services never migrate in production; the migrator Job does, and Kubernetes routes no traffic to a
 * pod until this check passes.
 */
@Readiness
@ApplicationScoped
public class SchemaVersionCheck implements AsyncHealthCheck {

    static final String NAME = "database schema";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Pool pool;
    private final ServiceConfig service;

    public SchemaVersionCheck(Pool pool, ServiceConfig service) {
        this.pool = pool;
        this.service = service;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        SchemaVersion required = SchemaVersion.parse(service.requiredSchemaVersion());
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME)
                .withData("schema", service.schema())
                .withData("required", required.toString());
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
                    if (current == null) {
                        return builder.down().withData("reason", "schema has no applied migration").build();
                    }
                    builder.withData("current", current.toString());
                    return current.isAtLeast(required)
                            ? builder.up().build()
                            : builder.down().withData("reason", "schema " + service.schema() + " is at "
                                    + current + ", this service needs " + required + ": run the migrator").build();
                })
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> builder.down()
                        .withData("reason", reason(failure)).build());
    }

    private String reason(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("does not exist")) {
            return "schema " + service.schema() + " is not migrated: run the migrator";
        }
        return "cannot read the schema version: " + failure.getClass().getSimpleName() + ": " + message;
    }

    private static String quoted(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unsafe schema name: " + identifier);
        }
        return identifier;
    }
}
