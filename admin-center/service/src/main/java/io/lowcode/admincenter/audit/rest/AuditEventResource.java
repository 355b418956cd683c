package io.lowcode.admincenter.audit.rest;

import jakarta.ws.rs.GET;
import jakarta.annotation.security.RolesAllowed;
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

import io.lowcode.eventschema.runtime.rest.QueryParams;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.admincenter.api.AuditEventPage;
import io.lowcode.admincenter.audit.service.AuditLog;
import io.lowcode.admincenter.audit.service.AuditQuery;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.smallrye.mutiny.Uni;

/** The audit log, searchable and paged. */
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "What happened, who did it, and which event says so")
@RolesAllowed({ Roles.ADMIN, Roles.OPS })
public class AuditEventResource {

    static final int DEFAULT_SIZE = QueryParams.DEFAULT_PAGE_SIZE;
    static final int MAX_SIZE = QueryParams.MAX_PAGE_SIZE;
    static final int MAX_PAGE = QueryParams.MAX_PAGE;

    private final AuditLog audit;

    public AuditEventResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Search the audit log", description = "Newest first; every filter is optional.")
    @APIResponse(responseCode = "400", description = "A malformed instant, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AuditEventPage> search(
            @Parameter(description = "Exact event type, e.g. function-unit.deployed") @QueryParam("type") String type,
            @Parameter(description = "Exact subject, e.g. a function unit id") @QueryParam("subject") String subject,
            @Parameter(description = "Earliest occurrence, inclusive, ISO-8601 (2025-01-31T08:00:00Z)")
            @QueryParam("from") String from,
            @Parameter(description = "Latest occurrence, exclusive, ISO-8601") @QueryParam("to") String to,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size, 1.." + MAX_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "200"))
            @QueryParam("size") String size) {
        AuditQuery query = new AuditQuery(QueryParams.text(type), QueryParams.text(subject),
                QueryParams.instant("from", from), QueryParams.instant("to", to),
                QueryParams.integer("page", page, 0, 0, MAX_PAGE), QueryParams.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
        return audit.search(query);
    }
}
