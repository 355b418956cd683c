package io.lowcode.admincenter.ops.incident;

import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.ops.IncidentPage;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.QueryParams;
import io.lowcode.eventschema.runtime.selfhealing.Incidents;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/v1/ops/incidents}: the fault history of self-healing, newest first (roles ops, admin). */
@Path("/api/v1/ops/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations: incidents", description = "What the services detected, what they did, how it ended")
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class IncidentResource {

    static final Set<String> SERVICES = Set.of("workstation", "admin-center", "portal");
    static final Set<String> KINDS = Set.of(Incidents.CONSUMER_STALLED, Incidents.RELAY_STALLED,
            Incidents.DEAD_LETTERS_REDRIVEN, Incidents.EXECUTION_ORPHANED);

    private final IncidentHistory history;

    public IncidentResource(IncidentHistory history) {
        this.history = history;
    }

    @GET
    @Operation(summary = "The fault history", description = "Every self-healing action of every service: detected, "
            + "action, outcome, duration. Filters optional.")
    @APIResponse(responseCode = "400", description = "An unknown service or kind, a bad page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<IncidentPage> incidents(
            @Parameter(description = "workstation, admin-center or portal") @QueryParam("service") String service,
            @Parameter(description = "consumer-stalled, relay-stalled, dead-letters-redriven, execution-orphaned")
            @QueryParam("kind") String kind, @QueryParam("page") String page, @QueryParam("size") String size) {
        return history.page(oneOf("service", service, SERVICES), oneOf("kind", kind, KINDS),
                QueryParams.integer("page", page, 0, 0, QueryParams.MAX_PAGE),
                QueryParams.integer("size", size, QueryParams.DEFAULT_PAGE_SIZE, 1, QueryParams.MAX_PAGE_SIZE));
    }

    private static String oneOf(String parameter, String raw, Set<String> allowed) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (!allowed.contains(value)) {
            throw ProblemException.badRequest(parameter, "must be one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }
}
