package io.lowcode.portal.function;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
import io.lowcode.portal.access.AccessCache;
import io.lowcode.portal.access.MeResource;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.portal.api.AvailableFunction;
import io.lowcode.portal.api.AvailableFunctionDetails;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/functions}: the functions users can run, i.e. the deployed version of each function unit. */
@Path("/api/v1/functions")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Available functions")
public class FunctionResource {

    /** The resource type and action of the permission a function needs: {@code function-unit:<id>:execute}. */
    static final String FUNCTION_UNIT = "function-unit";
    static final String EXECUTE = "execute";

    private final AvailableFunctions functions;
    private final AccessCache access;
    private final JsonWebToken token;

    public FunctionResource(AvailableFunctions functions, AccessCache access, JsonWebToken token) {
        this.functions = functions;
        this.access = access;
        this.token = token;
    }

    @GET
    @Operation(summary = "The available functions the caller may execute (one deployed version per function unit), "
            + "sorted by name")
    @APIResponse(responseCode = "200", description = "The functions the caller may execute, possibly none")
    public Uni<List<AvailableFunction>> list() {
        return permissions().flatMap(held -> functions.list().map(all -> all.stream()
                .filter(f -> RoleCatalog.allows(held, execute(f.functionUnitId.toString())))
                .map(FunctionResource::summary).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One available function with its deployment")
    @APIResponse(responseCode = "200", description = "The function unit's deployed version")
    @APIResponse(responseCode = "403", description = "The caller lacks function-unit:<id>:execute (permission-required, "
            + "the problem's `permission` names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The function unit has no deployed version, or the id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AvailableFunctionDetails> get(
            @Parameter(description = "function unit id (UUID)") @PathParam("id") String id) {
        UUID functionUnitId = parse(id);
        Permission wanted = execute(functionUnitId.toString());
        // the permission first: without it, whether the unit exists is none of the caller's business
        return permissions().flatMap(held -> {
            if (!RoleCatalog.allows(held, wanted)) {
                throw ProblemException.permissionRequired(wanted.toString());
            }
            return functions.find(functionUnitId)
                    .map(found -> found.map(FunctionResource::details).orElseThrow(() -> notAvailable(id)));
        });
    }

    /** The caller's effective permissions; none when the token's subject is not a portal user. */
    private Uni<Set<Permission>> permissions() {
        UUID userId = MeResource.userIdOf(token);
        return userId == null ? Uni.createFrom().item(Set.of()) : access.effective(userId);
    }

    /** The permission to execute a function unit. */
    static Permission execute(String functionUnitId) {
        return Permission.of(FUNCTION_UNIT, functionUnitId, EXECUTE);
    }

    /** A path segment that is not a UUID names no function unit: the same 404 as an unknown one. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notAvailable(id);
        }
    }

    private static ProblemException notAvailable(String id) {
        return ProblemException.notFound("available function", id);
    }

    // The one place where the entity becomes the wire model.

    static AvailableFunction summary(AvailableFunctionEntity f) {
        return new AvailableFunction(f.functionUnitId, f.name, f.version, f.deployedAt);
    }

    static AvailableFunctionDetails details(AvailableFunctionEntity f) {
        return new AvailableFunctionDetails(f.functionUnitId, f.name, f.version, f.environment, f.deploymentId,
                f.deployedAt, f.deployedBy);
    }
}
