package io.lowcode.admincenter.notification.rest;

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

import io.lowcode.eventschema.runtime.rest.QueryParams;
import io.lowcode.admincenter.api.NotificationDeliveryPage;
import io.lowcode.admincenter.notification.persistence.DeliveryStatus;
import io.lowcode.admincenter.notification.persistence.DeliveryStore;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.smallrye.mutiny.Uni;

/** The notifier's delivery log, searchable and paged. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "Every delivery of every notification: where it went and how it ended")
@RolesAllowed({ Roles.ADMIN, Roles.OPS })
public class NotificationResource {

    static final int DEFAULT_SIZE = QueryParams.DEFAULT_PAGE_SIZE;
    static final int MAX_SIZE = QueryParams.MAX_PAGE_SIZE;
    static final int MAX_PAGE = QueryParams.MAX_PAGE;

    private final DeliveryStore deliveries;

    public NotificationResource(DeliveryStore deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @Operation(summary = "Search the delivery log", description = "Newest first; every filter is optional.")
    @APIResponse(responseCode = "400", description = "An unknown status or channel, a malformed page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<NotificationDeliveryPage> search(
            @Parameter(description = "PENDING, SENDING, RETRY, SENT, FAILED, SUPPRESSED, RATE_LIMITED or SKIPPED")
            @QueryParam("status") String status,
            @Parameter(description = "EMAIL, SMS or IM") @QueryParam("channel") String channel,
            @Parameter(description = "One notification's deliveries") @QueryParam("notificationId") String notificationId,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") String page,
            @Parameter(description = "Page size, 1.." + MAX_SIZE,
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "200"))
            @QueryParam("size") String size) {
        return deliveries.page(QueryParams.constant("status", status, DeliveryStatus.class),
                QueryParams.constant("channel", channel, Channel.class), QueryParams.text(notificationId),
                QueryParams.integer("page", page, 0, 0, MAX_PAGE), QueryParams.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }
}
