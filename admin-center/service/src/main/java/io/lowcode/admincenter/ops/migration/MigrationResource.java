package io.lowcode.admincenter.ops.migration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.ops.Migrations;
import io.lowcode.eventschema.access.Roles;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/v1/ops/migrations}: the migrator's runs, steps, schema versions and newest report (read-only). */
@Path("/api/v1/ops/migrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations: migrations", description = "The migrator's history, read from its tables")
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class MigrationResource {

    private final MigrationHistory history;

    public MigrationResource(MigrationHistory history) {
        this.history = history;
    }

    @GET
    @Operation(summary = "Migrations", description = "Platform release, each schema's version, the ten newest runs "
            + "with their steps and progress, and the newest report (written by `ops-migrator report`).")
    public Uni<Migrations> migrations() {
        return history.read();
    }
}
