package io.lowcode.admincenter.ops.deployment;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.DeploymentHealth;
import io.lowcode.eventschema.access.Roles;
import io.smallrye.mutiny.Uni;

/** The health of every live deployment, from its executions. */
@Path("/api/v1/ops/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class DeploymentHealthResource {

    private final DeploymentHealthService health;

    public DeploymentHealthResource(DeploymentHealthService health) {
        this.health = health;
    }

    @GET
    @Operation(summary = "Live deployments and their health",
            description = "Each function unit whose last lifecycle change is a deployment, with its executions in the "
                    + "monitoring window and a status: HEALTHY, DEGRADED, FAILING, or NO_DATA while too few finished.")
    public Uni<List<DeploymentHealth>> live() {
        return health.live();
    }
}
