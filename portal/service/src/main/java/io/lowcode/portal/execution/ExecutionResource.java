package io.lowcode.portal.execution;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.eventschema.access.Permission;
import io.lowcode.eventschema.access.RoleCatalog;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.portal.access.AccessCache;
import io.lowcode.portal.access.MeResource;
import io.lowcode.portal.api.ExecutionView;
import io.lowcode.portal.api.StartExecution;
import io.smallrye.mutiny.Uni;

/** Following one's executions. */
@Path("/api/v1/executions")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Executions", description = "Workflow executions of deployed function units")
public class ExecutionResource {

    private final ExecutionService executions;
    private final AccessCache access;
    private final JsonWebToken token;

    public ExecutionResource(ExecutionService executions, AccessCache access, JsonWebToken token) {
        this.executions = executions;
        this.access = access;
        this.token = token;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my executions, with its state and steps")
    @APIResponse(responseCode = "404", description = "No such execution of mine",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExecutionView> get(@PathParam("id") String id) {
        return executions.get(uuid(id, "execution"), Caller.of(token, null).userId());
    }

    @POST
    @Path("/{id}/cancellation")
    @Operation(summary = "Cancel a running execution",
            description = "One's own execution, or anyone's for a user whose current roles include admin. It stops at "
                    + "once (a wait or http call in progress is abandoned) and is announced as "
                    + "workflow.execution-interrupted.")
    @APIResponse(responseCode = "200", description = "Cancelled: the execution, INTERRUPTED")
    @APIResponse(responseCode = "404", description = "No such execution of mine",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It has ended already (not-running)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExecutionView> cancel(@PathParam("id") String id,
            @Parameter(description = "Ties the cancellation to its event; a new UUID when absent")
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        UUID executionId = uuid(id, "execution");
        Caller caller = Caller.of(token, correlation);
        UUID userId = MeResource.userIdOf(token);
        // the portal's current roles of the caller, not the token's: a demoted admin cancels only their own
        Uni<Boolean> admin = userId == null ? Uni.createFrom().item(false)
                : access.profile(userId).map(p -> p.map(profile -> profile.roles().contains(Roles.ADMIN)).orElse(false));
        return admin.flatMap(isAdmin -> executions.cancel(executionId, caller, isAdmin));
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what, id);
        }
    }
}
