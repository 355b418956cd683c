package io.lowcode.admincenter.ops.deadletter.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.DeadLetter;
import io.lowcode.admincenter.api.DeadLetterActionResult;
import io.lowcode.admincenter.api.DeadLetterCoordinates;
import io.lowcode.admincenter.api.DeadLetterPage;
import io.lowcode.admincenter.api.DeadLetterSelection;
import io.lowcode.admincenter.api.ops.DeadLetterSummary;
import io.lowcode.admincenter.ops.deadletter.service.DeadLetterActions;
import io.lowcode.admincenter.ops.deadletter.service.DeadLetterBrowser;
import io.lowcode.admincenter.ops.deadletter.service.DeadLetterCounts;
import io.lowcode.admincenter.ops.deadletter.service.DeadLetterQuery;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.eventschema.runtime.rest.QueryParams;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v1/ops/dead-letters}: the dead-letter index — list, inspect (roles ops and admin), replay and discard
 * (role ops, audited). Nothing written to a {@code .dlq} topic is a black hole.
 */
@Path("/api/v1/ops/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations: dead letters", description = "Every record of every dead-letter topic: list, inspect, "
        + "replay to its original topic, discard")
public class DeadLetterResource {

    private static final String SELECTION = "Either `records` (coordinates, at most lowcode.ops.dead-letters."
            + "max-selection, 500 by default) or a `filter` (the list's filters; NEW dead letters unless it names a "
            + "state). All or nothing.";

    private final DeadLetterBrowser browser;
    private final DeadLetterActions actions;
    private final JsonWebToken token;

    private final DeadLetterCounts counts;

    public DeadLetterResource(DeadLetterBrowser browser, DeadLetterActions actions, DeadLetterCounts counts,
            JsonWebToken token) {
        this.browser = browser;
        this.actions = actions;
        this.counts = counts;
        this.token = token;
    }

    @GET
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Operation(summary = "List dead letters, newest first", description = "Every filter is optional. Items leave "
            + "out headers and payload; the detail has them.")
    @APIResponse(responseCode = "400", description = "An unknown topic, kind or state, a malformed instant, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeadLetterPage> list(
            @Parameter(description = "A dead-letter topic, e.g. user-permission-events.dlq") @QueryParam("topic") String topic,
            @Parameter(description = "Event type, e.g. permission.granted") @QueryParam("type") String type,
            @Parameter(description = "invalid-event, permanent-failure, retries-exhausted or undeliverable")
            @QueryParam("kind") String kind,
            @Parameter(description = "Consuming channel, e.g. access") @QueryParam("consumer") String consumer,
            @Parameter(description = "NEW, REPLAYED or DISCARDED") @QueryParam("state") String state,
            @Parameter(description = "Dead-lettered at or after, ISO-8601 (2025-01-31T08:00:00Z)")
            @QueryParam("from") String from,
            @Parameter(description = "Dead-lettered before, ISO-8601") @QueryParam("to") String to,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size, 1.." + QueryParams.MAX_PAGE_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "200"))
            @QueryParam("size") String size) {
        DeadLetterQuery query = DeadLetterQuery.of("", topic, type, kind, consumer, state, from, to);
        return browser.list(query, QueryParams.integer("page", page, 0, 0, QueryParams.MAX_PAGE),
                QueryParams.integer("size", size, QueryParams.DEFAULT_PAGE_SIZE, 1, QueryParams.MAX_PAGE_SIZE));
    }

    @GET
    @Path("/summary")
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Operation(summary = "Dead letters per topic and state", description = "How many NEW, REPLAYED and DISCARDED dead "
            + "letters each dead-letter topic of the catalog holds in the index.")
    public Uni<DeadLetterSummary> summary() {
        return counts.summary();
    }

    @GET
    @Path("/{topic}/{partition}/{offset}")
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Operation(summary = "One dead letter with its headers and payload")
    @APIResponse(responseCode = "400", description = "A partition or offset that is not a number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No dead letter there",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeadLetter> get(@PathParam("topic") String topic, @PathParam("partition") String partition,
            @PathParam("offset") String offset) {
        return browser.get(new DeadLetterCoordinates(topic, QueryParams.integer("partition", partition, -1, 0,
                Integer.MAX_VALUE), offset(offset)));
    }

    @POST
    @Path("/replay")
    @RolesAllowed(Roles.OPS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay dead letters to their original topics", description = SELECTION + " Each record's "
            + "original bytes, key and headers go back to the topic it was consumed from, in the original order, with "
            + "lowcode-replay-of / -replayed-by / -replayed-at headers; consumers that applied it before skip it, a "
            + "stale one changes nothing. Marked REPLAYED and audited once Kafka acknowledged all of them.")
    @APIResponse(responseCode = "200", description = "Replayed")
    @APIResponse(responseCode = "400", description = "Neither or both of records and filter, too many, a bad filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown coordinates (named in the detail)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Replayed or discarded before (dead-letter-handled; set force), "
            + "or nothing to replay it to (dead-letter-not-replayable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge every record; nothing was marked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeadLetterActionResult> replay(@NotNull @Valid DeadLetterSelection selection,
            @Parameter(description = "Ties the action to the audit log") @HeaderParam(RequestHeaders.CORRELATION_ID)
            String correlation) {
        return actions.replay(selection, Caller.of(token, correlation));
    }

    @POST
    @Path("/discard")
    @RolesAllowed(Roles.OPS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark dead letters handled without replaying them", description = SELECTION
            + " Discarding a discarded one changes nothing; a replayed one needs force. Audited.")
    @APIResponse(responseCode = "200", description = "Discarded (unchanged lists the ones discarded before)")
    @APIResponse(responseCode = "400", description = "Neither or both of records and filter, too many, a bad filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown coordinates (named in the detail)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Replayed before (dead-letter-handled; set force)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeadLetterActionResult> discard(@NotNull @Valid DeadLetterSelection selection,
            @Parameter(description = "Ties the action to the audit log") @HeaderParam(RequestHeaders.CORRELATION_ID)
            String correlation) {
        return actions.discard(selection, Caller.of(token, correlation));
    }

    private static long offset(String raw) {
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("offset", "must be an offset, a number from 0");
    }
}
