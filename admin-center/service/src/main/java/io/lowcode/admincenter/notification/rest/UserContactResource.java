package io.lowcode.admincenter.notification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.UserContact;
import io.lowcode.admincenter.notification.service.ContactService;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.smallrye.mutiny.Uni;

/** A user's phone number for SMS and IM mentions; admins only. */
@Path("/api/v1/users/{userId}/contact")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
public class UserContactResource {

    private final ContactService contacts;
    private final JsonWebToken token;

    public UserContactResource(ContactService contacts, JsonWebToken token) {
        this.contacts = contacts;
        this.token = token;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a user's phone number", description = "Used by the SMS channel and for IM mentions.")
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Missing or malformed phone number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UserContact> set(@PathParam("userId") String userId, @Valid @NotNull UserContact contact,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId) {
        return contacts.setPhone(userId, contact.phone(), Caller.of(token, correlationId));
    }
}
