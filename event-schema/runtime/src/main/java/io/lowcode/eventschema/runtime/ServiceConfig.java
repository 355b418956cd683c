package io.lowcode.eventschema.runtime;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What each service declares about itself; read by the readiness checks and the about endpoint. */
@ConfigMapping(prefix = "lowcode.service")
public interface ServiceConfig {

    /** Module name, e.g. {@code workstation}. */
    String name();

    /** Build version reported by {@code /api/v1/about}. */
    @WithDefault("${quarkus.application.version:unknown}")
    String version();

    /** The PostgreSQL schema the service owns. */
    String schema();

    /**
     * The Flyway version of {@link #schema()} the service needs. Readiness stays DOWN until the
     * migrator has brought the schema to at least this version.
     */
    String requiredSchemaVersion();

    /**
     * How often a service whose schema is behind checks it again; its Kafka consumers, outbox relay and
     * schedulers start at the first check that finds {@link #requiredSchemaVersion()} (see {@code SchemaGate}).
     */
    @WithDefault("5s")
    Duration schemaWaitInterval();

    /** Event types this service publishes (catalog type strings). */
    @WithDefault("none")
    List<String> produces();

    /** Event types this service applies (catalog type strings). */
    @WithDefault("none")
    List<String> consumes();
}
