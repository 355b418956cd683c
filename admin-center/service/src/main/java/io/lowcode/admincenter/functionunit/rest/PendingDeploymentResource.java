package io.lowcode.admincenter.functionunit.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.admincenter.api.PendingDeployment;
import io.lowcode.admincenter.functionunit.service.InventoryService;
import io.smallrye.mutiny.Uni;

/** What is waiting for an admin to deploy it. */
@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Function units")
@RolesAllowed(Roles.ADMIN)
public class PendingDeploymentResource {

    private final InventoryService inventory;

    public PendingDeploymentResource(InventoryService inventory) {
        this.inventory = inventory;
    }

    @GET
    @Path("/pending")
    @Operation(summary = "Versions pending deployment", description = "Published versions not yet deployed, newest first.")
    public Uni<List<PendingDeployment>> pending() {
        return inventory.pending();
    }
}
