package io.lowcode.admincenter.ops.timeline;

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

import io.lowcode.admincenter.api.TimelinePage;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.rest.QueryParams;
import io.smallrye.mutiny.Uni;

/** The operations timeline of the function-unit lifecycle, searchable and paged. */
@Path("/api/v1/ops/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Monitoring: the lifecycle timeline and the health of live deployments")
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class OperationsTimelineResource {

    private final OperationsTimeline timeline;

    public OperationsTimelineResource(OperationsTimeline timeline) {
        this.timeline = timeline;
    }

    @GET
    @Operation(summary = "The lifecycle timeline", description = "Every created, published, deployed and retired the "
            + "admin center consumed, newest first; every filter is optional.")
    @APIResponse(responseCode = "400", description = "A malformed filter, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TimelinePage> search(
            @Parameter(description = "A function unit's id") @QueryParam("functionUnitId") String functionUnitId,
            @Parameter(description = "An event type, e.g. function-unit.deployed") @QueryParam("type") String type,
            @Parameter(description = "Earliest occurrence, inclusive, ISO-8601") @QueryParam("from") String from,
            @Parameter(description = "Latest occurrence, exclusive, ISO-8601") @QueryParam("to") String to,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size, 1.." + QueryParams.MAX_PAGE_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "200"))
            @QueryParam("size") String size) {
        return timeline.search(QueryParams.text("functionUnitId", functionUnitId, 128),
                QueryParams.text("type", type, 128), QueryParams.instant("from", from), QueryParams.instant("to", to),
                QueryParams.integer("page", page, 0, 0, QueryParams.MAX_PAGE),
                QueryParams.integer("size", size, QueryParams.DEFAULT_PAGE_SIZE, 1, QueryParams.MAX_PAGE_SIZE));
    }
}
