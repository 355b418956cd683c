package io.lowcode.admincenter.ops.reconciliation.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.ReconciliationPage;
import io.lowcode.admincenter.api.ReconciliationReport;
import io.lowcode.admincenter.ops.reconciliation.persistence.ReconciliationRuns;
import io.lowcode.admincenter.ops.reconciliation.service.Reconciler;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.eventschema.runtime.rest.QueryParams;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v1/ops/reconciliations}: the portal's permission cache and available functions compared with the admin
 * center's state, drift repaired through events and reported — on a schedule, or now (role ops).
 */
@Path("/api/v1/ops/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations: reconciliation", description = "The portal's read models checked against the admin center's "
        + "state, drift repaired through events")
public class ReconciliationResource {

    private final Reconciler reconciler;
    private final ReconciliationRuns runs;
    private final JsonWebToken token;

    public ReconciliationResource(Reconciler reconciler, ReconciliationRuns runs, JsonWebToken token) {
        this.reconciler = reconciler;
        this.runs = runs;
        this.token = token;
    }

    @POST
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Reconcile now", description = "Reads both sides, looks again after the settle time, repairs "
            + "each confirmed difference with an event re-stating the current state (operation RECONCILE) and answers "
            + "with the report; a side that cannot be read makes it FAILED, with the reason.")
    @APIResponse(responseCode = "201", description = "The report", headers = @Header(name = "Location",
            description = "The report"))
    @APIResponse(responseCode = "409", description = "Another reconciliation is running (reconciliation-running)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> reconcile(@Context UriInfo uri) {
        String requestedBy = Caller.of(token, null).userId();
        return reconciler.run(Reconciler.REQUEST, requestedBy).map(report -> Response.created(URI.create(
                uri.getAbsolutePathBuilder().path(report.id()).build().toString())).entity(report).build());
    }

    @GET
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Operation(summary = "The reconciliation reports, newest first")
    @APIResponse(responseCode = "400", description = "A malformed page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReconciliationPage> list(
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size, 1.." + QueryParams.MAX_PAGE_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "200"))
            @QueryParam("size") String size) {
        return runs.list(QueryParams.integer("page", page, 0, 0, QueryParams.MAX_PAGE),
                QueryParams.integer("size", size, QueryParams.DEFAULT_PAGE_SIZE, 1, QueryParams.MAX_PAGE_SIZE));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Operation(summary = "One reconciliation report")
    @APIResponse(responseCode = "404", description = "No such reconciliation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReconciliationReport> get(@PathParam("id") String id) {
        return runs.get(id);
    }
}
