package io.lowcode.portal.ops;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.QueryParams;
import io.lowcode.portal.api.ReadModelAccountPage;
import io.lowcode.portal.api.ReadModelFunctionPage;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v1/ops/read-model}: the portal's read models as they are, for the admin center's reconciliation (the
 * services never read each other's databases). Role ops only: it lists every account's permissions.
 */
@Path("/api/v1/ops/read-model")
@RolesAllowed(Roles.OPS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Read-model snapshots for reconciliation")
public class ReadModelResource {

    private final ReadModelSnapshot snapshot;

    public ReadModelResource(ReadModelSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @GET
    @Path("/accounts")
    @Operation(summary = "One page of the permission cache: accounts, their roles and direct grants, by user id")
    @APIResponse(responseCode = "400", description = "`after` is not a UUID, or `size` is out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReadModelAccountPage> accounts(
            @Parameter(description = "The `next` of the previous page (a user id); absent for the first page")
            @QueryParam("after") String after,
            @Parameter(description = "Page size, 1.." + QueryParams.MAX_PAGE_SIZE, schema = @Schema(
                    type = SchemaType.INTEGER, defaultValue = "200", minimum = "1", maximum = "200"))
            @QueryParam("size") String size) {
        return snapshot.accounts(uuid(after), size(size));
    }

    @GET
    @Path("/functions")
    @Operation(summary = "One page of the available functions (the deployed version of each unit), by unit id")
    @APIResponse(responseCode = "400", description = "`after` is not a UUID, or `size` is out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReadModelFunctionPage> functions(
            @Parameter(description = "The `next` of the previous page (a function unit id); absent for the first page")
            @QueryParam("after") String after,
            @Parameter(description = "Page size, 1.." + QueryParams.MAX_PAGE_SIZE, schema = @Schema(
                    type = SchemaType.INTEGER, defaultValue = "200", minimum = "1", maximum = "200"))
            @QueryParam("size") String size) {
        return snapshot.functions(uuid(after), size(size));
    }

    private static int size(String raw) {
        return QueryParams.integer("size", raw, QueryParams.MAX_PAGE_SIZE, 1, QueryParams.MAX_PAGE_SIZE);
    }

    private static UUID uuid(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("after", "must be a UUID (the `next` of the previous page)");
        }
    }
}
