package io.lowcode.portal.function;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.portal.api.AvailableFunction;
import io.lowcode.portal.api.AvailableFunctionDetails;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/functions}: the functions users can run, i.e. the deployed version of each function unit. */
@Path("/api/v1/functions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Available functions")
public class FunctionResource {

    private final AvailableFunctions functions;

    public FunctionResource(AvailableFunctions functions) {
        this.functions = functions;
    }

    @GET
    @Operation(summary = "The available functions (one deployed version per function unit), sorted by name")
    @APIResponse(responseCode = "200", description = "The available functions, possibly none")
    public Uni<List<AvailableFunction>> list() {
        return functions.list().map(all -> all.stream().map(FunctionResource::summary).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One available function with its deployment")
    @APIResponse(responseCode = "200", description = "The function unit's deployed version")
    @APIResponse(responseCode = "404", description = "The function unit has no deployed version, or the id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AvailableFunctionDetails> get(
            @Parameter(description = "function unit id (UUID)") @PathParam("id") String id) {
        UUID functionUnitId = parse(id);
        return functions.find(functionUnitId)
                .map(found -> found.map(FunctionResource::details)
                        .orElseThrow(() -> notAvailable(id)));
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
