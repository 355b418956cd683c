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

/** Running a function unit: a new execution of its deployed version. */
@Path("/api/v1/functions/{id}/executions")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Executions", description = "Workflow executions of deployed function units")
public class StartExecutionResource {

    private final ExecutionService executions;
    private final ExecutionAdmission admission;
    private final AccessCache access;
    private final JsonWebToken token;

    public StartExecutionResource(ExecutionService executions, ExecutionAdmission admission, AccessCache access,
            JsonWebToken token) {
        this.executions = executions;
        this.admission = admission;
        this.access = access;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an execution of the deployed version",
            description = "Runs asynchronously; announced on workflow-execution-events (started, step-completed, "
                    + "completed, failed, interrupted). Needs function-unit:<id>:execute.")
    @APIResponse(responseCode = "202", description = "Started (or FAILED at once when the definition cannot run); "
            + "Location: the execution")
    @APIResponse(responseCode = "400", description = "input is not a JSON object",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Missing function-unit:<id>:execute (permission-required)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No deployed version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The deployed version's definition has not reached the portal "
            + "(definition-unknown), or is not the content the admin center deployed (definition-digest-mismatch)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The input, or the event announcing it, is too large (too-large)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The caller has as many executions in flight as allowed "
            + "(too-many-requests); see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The portal runs or starts as many executions as it may "
            + "(overloaded); see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> start(@Parameter(description = "function unit id (UUID)") @PathParam("id") String id,
            StartExecution request,
            @Parameter(description = "Ties the execution's events together; a new UUID when absent")
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation,
            @Context UriInfo uri) {
        UUID functionUnitId = uuid(id, "available function");
        if (request != null && request.input() != null && !request.input().isNull() && !request.input().isObject()) {
            throw ProblemException.badRequest("input", "must be a JSON object");
        }
        Caller caller = Caller.of(token, correlation);
        Permission wanted = Permission.of("function-unit", functionUnitId.toString(), "execute");
        UUID userId = MeResource.userIdOf(token);
        // admission first: a refusal costs no database work
        ExecutionAdmission.Ticket ticket = admission.admit(caller.userId());
        return admission.start(ticket, () -> {
            Uni<java.util.Set<Permission>> held = userId == null ? Uni.createFrom().item(java.util.Set.of())
                    : access.effective(userId);
            return held.flatMap(permissions -> {
                if (!RoleCatalog.allows(permissions, wanted)) {
                    throw ProblemException.permissionRequired(wanted.toString());
                }
                return executions.start(functionUnitId, request == null ? null : request.input(), caller, ticket);
            });
        }).map(view -> Response.accepted(view)
                .location(URI.create(uri.getBaseUriBuilder().path(ExecutionResource.class).path("{id}").build(view.id()).toString()))
                .build());
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what, id);
        }
    }
}
