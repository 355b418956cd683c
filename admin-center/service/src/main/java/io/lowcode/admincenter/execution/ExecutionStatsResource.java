package io.lowcode.admincenter.execution;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.ExecutionStats;
import io.lowcode.eventschema.access.Roles;
import io.smallrye.mutiny.Uni;

/** The execution monitor's figures. */
@Path("/api/v1/executions/stats")
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
@Tag(name = "Execution monitor", description = "Workflow executions per function unit, from workflow-execution-events")
public class ExecutionStatsResource {

    private final ExecutionMonitor monitor;

    public ExecutionStatsResource(ExecutionMonitor monitor) {
        this.monitor = monitor;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per function unit: executions by status, success rate, p95 and mean duration")
    public Uni<List<ExecutionStats>> stats() {
        return monitor.stats();
    }
}
