package io.lowcode.admincenter.ops.scaling;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.ops.ScalingAdvice;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.problem.ProblemException;

/** {@code GET /api/v1/ops/scaling}: scaling and partition-expansion advice (roles ops, admin). */
@Path("/api/v1/ops/scaling")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations: scaling", description = "Consumers needed per group, partitions needed per topic")
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class ScalingResource {

    private final ScalingAdvisor advisor;

    public ScalingResource(ScalingAdvisor advisor) {
        this.advisor = advisor;
    }

    @GET
    @Operation(summary = "Scaling advice", description = "Per consumer group: consumers and pods needed from its lag, "
            + "arrival and consume rates, capped at its partitions; per topic that caps a group: the partitions it "
            + "needs. Apply an expansion with PUT /api/v1/ops/configuration (topics.<topic>.partitions).")
    public ScalingAdvice advice() {
        return advisor.advice().orElseThrow(() -> new ProblemException(503, "not-sampled", "Not sampled yet",
                "the cluster has not been sampled yet; try again in a few seconds", List.of()));
    }
}
