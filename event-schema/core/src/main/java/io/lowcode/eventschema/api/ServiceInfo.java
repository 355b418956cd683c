package io.lowcode.eventschema.api;

import java.util.List;

/**
 * What a service says about itself at {@code GET /api/v1/about}: shared by every module's REST client.
 *
 * @param service               module name, e.g. {@code workstation}
 * @param version               build version
 * @param schema                its PostgreSQL schema
 * @param requiredSchemaVersion the Flyway version it needs to serve traffic
 * @param produces              event types it publishes
 * @param consumes              event types it applies
 */
public record ServiceInfo(String service, String version, String schema, String requiredSchemaVersion,
        List<String> produces, List<String> consumes) {
}
