package io.lowcode.admincenter.ops.alert;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.ops.Alert;
import io.lowcode.admincenter.api.ops.AlertPage;
import io.lowcode.admincenter.api.ops.Silence;
import io.lowcode.admincenter.api.ops.SilenceRequest;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.eventschema.runtime.rest.QueryParams;
import io.smallrye.mutiny.Uni;

/** Alerts: what fires now, the history, acknowledgements and silences. Reads for ops and admin, changes for ops. */
@Path("/api/v1/ops/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations: alerts", description = "Alerts raised by the admin center's rules, their history and silences")
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class AlertResource {

    static final int MAX_TEXT = 255;
    static final int MAX_REASON = 500;

    /** The alert lifecycle as the history filter knows it. */
    enum Status {
        FIRING, RESOLVED
    }

    private final AlertQueries alerts;
    private final AlertsConfig config;
    private final Set<String> rules = new TreeSet<>();
    private final JsonWebToken token;

    public AlertResource(AlertQueries alerts, AlertsConfig config, Instance<AlertRule> rules, JsonWebToken token) {
        this.alerts = alerts;
        this.config = config;
        rules.forEach(rule -> this.rules.add(rule.name()));
        this.token = token;
    }

    @GET
    @Operation(summary = "Alerts firing now", description = "Newest first, with their evidence.")
    public Uni<List<Alert>> firing() {
        return alerts.firing();
    }

    @GET
    @Path("/history")
    @Operation(summary = "Every alert, firing or resolved", description = "Newest first; every filter is optional.")
    @APIResponse(responseCode = "400", description = "An unknown status or severity, a malformed instant, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertPage> history(@Parameter(description = "FIRING or RESOLVED") @QueryParam("status") String status,
            @Parameter(description = "A rule name, e.g. consumer-group-status") @QueryParam("rule") String rule,
            @Parameter(description = "INFO, WARNING or CRITICAL") @QueryParam("severity") String severity,
            @Parameter(description = "Raised at or after, ISO-8601") @QueryParam("from") String from,
            @Parameter(description = "Raised before, ISO-8601") @QueryParam("to") String to,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size, 1..200",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "200"))
            @QueryParam("size") String size) {
        Status s = QueryParams.constant("status", status, Status.class);
        Severity sev = QueryParams.constant("severity", severity, Severity.class);
        return alerts.history(new AlertQueries.HistoryQuery(s == null ? null : s.name(), ruleName("rule", rule),
                sev == null ? null : sev.name(), QueryParams.instant("from", from), QueryParams.instant("to", to),
                QueryParams.integer("page", page, 0, 0, QueryParams.MAX_PAGE),
                QueryParams.integer("size", size, QueryParams.DEFAULT_PAGE_SIZE, 1, QueryParams.MAX_PAGE_SIZE)));
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Acknowledge a firing alert", description = "Records who looks after it; a second "
            + "acknowledgement keeps the first. Notifications are not repeated either way.")
    @APIResponse(responseCode = "400", description = "Not an alert id (a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such alert",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The alert is resolved (alert-resolved)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Alert> acknowledge(@PathParam("id") String id) {
        return alerts.acknowledge(uuid(id), caller());
    }

    @GET
    @Path("/silences")
    @Operation(summary = "Silences in force", description = "Soonest end first.")
    public Uni<List<Silence>> silences() {
        return alerts.activeSilences();
    }

    @POST
    @Path("/silences")
    @RolesAllowed(Roles.OPS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Silence a rule, one target of it, or everything, until an end time", description = "Alerts "
            + "it matches are still recorded (notified = false); if one still fires when the silence ends, it is "
            + "notified then. A resolution is notified only for a notified alert.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "An unknown rule, a target without a rule, an end time in the past "
            + "or too far ahead, a missing or overlong reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> silence(SilenceRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("/", "a JSON body with endsAt and reason is required");
        }
        String rule = ruleName("rule", request.rule());
        String target = QueryParams.text(request.target());
        if (target != null && (rule == null || target.length() > MAX_TEXT || target.chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.badRequest("target", rule == null ? "needs a rule"
                    : "must be at most " + MAX_TEXT + " characters without control characters");
        }
        Instant now = Instant.now();
        if (request.endsAt() == null || !request.endsAt().isAfter(now)) {
            throw ProblemException.badRequest("endsAt", "must be an instant in the future");
        }
        if (request.endsAt().isAfter(now.plus(config.maxSilence()))) {
            throw ProblemException.badRequest("endsAt", "must be at most " + config.maxSilence().toDays() + " days ahead");
        }
        String reason = QueryParams.text(request.reason());
        if (reason == null || reason.length() > MAX_REASON) {
            throw ProblemException.badRequest("reason", "must be 1 to " + MAX_REASON + " characters");
        }
        return alerts.silence(rule, target, request.endsAt(), reason, caller())
                .map(s -> Response.created(URI.create("/api/v1/ops/alerts/silences/" + s.id())).entity(s).build());
    }

    @DELETE
    @Path("/silences/{id}")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "End a silence now")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "400", description = "Not a silence id (a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No silence in force with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> endSilence(@PathParam("id") String id) {
        return alerts.endSilence(uuid(id), caller());
    }

    /** A known rule's name, or {@code null} when blank; else 400 naming {@code field}. */
    private String ruleName(String field, String raw) {
        String rule = QueryParams.text(raw);
        if (rule != null && !rules.contains(rule)) {
            throw ProblemException.badRequest(field, "must be one of " + rules);
        }
        return rule;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "must be a UUID");
        }
    }

    private String caller() {
        return Caller.of(token, null).userId();
    }
}
