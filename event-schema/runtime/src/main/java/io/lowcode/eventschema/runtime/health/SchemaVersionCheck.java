package io.lowcode.eventschema.runtime.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness: DOWN, with the reason, while the database does not answer or until the service's schema
 * has reached the version it requires. Services never migrate in production; the migrator Job does, and
 * Kubernetes routes no traffic to a pod until this check passes. It is the only readiness check: Kafka
 * has a health group of its own ({@link KafkaClusterCheck}).
 */
@Readiness
@ApplicationScoped
public class SchemaVersionCheck implements AsyncHealthCheck {

    static final String NAME = "database schema";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final SchemaVersionReader versions;

    public SchemaVersionCheck(SchemaVersionReader versions) {
        this.versions = versions;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        SchemaVersion required = versions.required();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME)
                .withData("schema", versions.schema())
                .withData("required", required.toString());
        return versions.current()
                .map(current -> {
                    if (current.isEmpty()) {
                        return builder.down().withData("reason", "schema has no applied migration").build();
                    }
                    builder.withData("current", current.get().toString());
                    return current.get().isAtLeast(required)
                            ? builder.up().build()
                            : builder.down().withData("reason", "schema " + versions.schema() + " is at "
                                    + current.get() + ", this service needs " + required + ": run the migrator").build();
                })
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> builder.down()
                        .withData("reason", reason(failure)).build());
    }

    private String reason(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("does not exist")) {
            return "schema " + versions.schema() + " is not migrated: run the migrator";
        }
        return "cannot read the schema version: " + failure.getClass().getSimpleName() + ": " + message;
    }
}
