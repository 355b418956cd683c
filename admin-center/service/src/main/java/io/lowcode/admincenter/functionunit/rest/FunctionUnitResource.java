package io.lowcode.admincenter.functionunit.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.admincenter.api.Deployment;
import io.lowcode.admincenter.api.DeploymentRequest;
import io.lowcode.admincenter.api.FunctionUnitSummary;
import io.lowcode.admincenter.api.RetirementRequest;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.admincenter.functionunit.service.DeploymentService;
import io.lowcode.admincenter.functionunit.service.InventoryService;
import io.lowcode.eventschema.runtime.messaging.UnitOfWork;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** The function-unit inventory, deployments and retirements. */
@Path("/api/v1/function-units")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Function units", description = "Inventory, deployment and retirement of function units")
public class FunctionUnitResource {

    private final InventoryService inventory;
    private final DeploymentService deployments;
    private final UnitOfWork work;
    private final JsonWebToken token;

    public FunctionUnitResource(InventoryService inventory, DeploymentService deployments, UnitOfWork work,
            JsonWebToken token) {
        this.inventory = inventory;
        this.deployments = deployments;
        this.work = work;
        this.token = token;
    }

    @GET
    @Operation(summary = "The inventory", description = "Every function unit the workstation created, sorted by name, "
            + "with its status, the version published last and the version deployed.")
    public Uni<List<FunctionUnitSummary>> list() {
        return inventory.list();
    }

    @POST
    @Path("/{functionUnitId}/deployments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deploy a published version to production",
            description = "Replaces the version deployed before, if any, and emits function-unit.deployed.")
    @APIResponse(responseCode = "201", description = "Deployed",
            headers = {@Header(name = "Location", description = "The deployment"),
                    @Header(name = RequestHeaders.EVENT_DELIVERY,
                            description = "published: Kafka acknowledged the event; pending: the outbox will send it")})
    @APIResponse(responseCode = "400", description = "No or invalid version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown function unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The version was never published (version-not-published) "
            + "or is already deployed (already-deployed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> deploy(@PathParam("functionUnitId") String functionUnitId, @Valid DeploymentRequest request,
            @Parameter(description = "Ties the request to its events; a new UUID when absent")
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId,
            @Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.badRequest("version", "must not be blank");
        }
        Caller caller = Caller.of(token, correlationId);
        return work.commit(() -> deployments.deploy(functionUnitId, request.version(), caller))
                .map(deployed -> deployed.respond(Response.created(URI.create(
                        uri.getBaseUriBuilder().path(FunctionUnitResource.class).path("{id}/deployments/{deploymentId}")
                                .build(functionUnitId, deployed.value().deploymentId()).toString()))
                        .entity(deployed.value())));
    }

    @GET
    @Path("/{functionUnitId}/deployments/{deploymentId}")
    @Operation(summary = "One deployment of a function unit")
    @APIResponse(responseCode = "404", description = "Unknown deployment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Deployment> deployment(@PathParam("functionUnitId") String functionUnitId,
            @PathParam("deploymentId") String deploymentId) {
        UUID id;
        try {
            id = UUID.fromString(deploymentId);
        } catch (IllegalArgumentException notAUuid) {
            throw ProblemException.notFound("deployment", deploymentId);
        }
        return deployments.deployment(functionUnitId, id);
    }

    @POST
    @Path("/{functionUnitId}/retirement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retire the deployed version", description = "Emits function-unit.retired; the portal stops "
            + "offering the function.")
    @APIResponse(responseCode = "200", description = "Retired",
            headers = @Header(name = RequestHeaders.EVENT_DELIVERY,
                    description = "published: Kafka acknowledged the event; pending: the outbox will send it"))
    @APIResponse(responseCode = "404", description = "Unknown function unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Nothing is deployed (not-deployed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> retire(@PathParam("functionUnitId") String functionUnitId, @Valid RetirementRequest request,
            @Parameter(description = "Ties the request to its events; a new UUID when absent")
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId) {
        Caller caller = Caller.of(token, correlationId);
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? null
                : request.reason().strip();
        return work.commit(() -> deployments.retire(functionUnitId, reason, caller))
                .map(retired -> retired.respond(Response.ok(retired.value())));
    }

}
