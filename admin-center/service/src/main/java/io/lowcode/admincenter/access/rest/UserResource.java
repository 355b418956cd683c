package io.lowcode.admincenter.access.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.access.service.PasswordHasher;
import io.lowcode.admincenter.access.service.UserAdministration;
import io.lowcode.admincenter.api.AccountStatusChange;
import io.lowcode.admincenter.api.CreateUser;
import io.lowcode.admincenter.api.PasswordReset;
import io.lowcode.admincenter.api.PermissionGrant;
import io.lowcode.admincenter.api.RoleAssignment;
import io.lowcode.admincenter.api.UserView;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.messaging.UnitOfWork;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.smallrye.mutiny.Uni;

/**
 * User accounts, their roles, status and passwords, and their directly granted permissions; admins only — checked
 * against the caller's current roles, not the token's (see {@code CurrentRolesAugmentor}).
 */
@Path("/api/v1/users")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users and access", description = "Accounts, roles and permissions; every change is audited and "
        + "announced on user-permission-events")
public class UserResource {

    private static final String CORRELATION = "Ties the request to its events; a new UUID when absent";
    private static final String DELIVERY = "published: Kafka acknowledged the event; pending: the outbox will send it";

    private final UserAdministration users;
    private final PasswordHasher hasher;
    private final UnitOfWork work;
    private final JsonWebToken token;

    public UserResource(UserAdministration users, PasswordHasher hasher, UnitOfWork work, JsonWebToken token) {
        this.users = users;
        this.hasher = hasher;
        this.work = work;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user account", description = "Emits user.account-created; the portal activates "
            + "the account and creates the user's personal space.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", description = "The account"),
                    @Header(name = RequestHeaders.EVENT_DELIVERY, description = DELIVERY)})
    @APIResponse(responseCode = "400", description = "Invalid field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The username is taken (username-taken)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull @Valid CreateUser request,
            @Parameter(description = CORRELATION) @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation,
            @Context UriInfo uri) {
        Caller caller = Caller.of(token, correlation);
        return hasher.hash(request.password())
                .flatMap(hash -> work.commit(() -> users.create(request, hash, caller)))
                .map(created -> created.respond(Response.created(URI.create(
                        uri.getAbsolutePathBuilder().path(created.value().id()).build().toString()))
                        .entity(created.value())));
    }

    @GET
    @Operation(summary = "Every user account, sorted by username")
    public Uni<List<UserView>> list() {
        return users.list();
    }

    @GET
    @Path("/{userId}")
    @Operation(summary = "One user account, with its roles and direct permissions")
    @APIResponse(responseCode = "404", description = "Unknown user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UserView> get(@PathParam("userId") String userId) {
        return users.get(userId);
    }

    @POST
    @Path("/{userId}/permissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant a permission", description = "<resource-type>:<resource-id or *>:<action>, e.g. "
            + "function-unit:*:execute. Emits permission.granted.")
    @APIResponse(responseCode = "201", description = "Granted",
            headers = @Header(name = RequestHeaders.EVENT_DELIVERY, description = DELIVERY))
    @APIResponse(responseCode = "400", description = "Malformed permission",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already granted (already-granted)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> grant(@PathParam("userId") String userId, @NotNull @Valid PermissionGrant request,
            @Parameter(description = CORRELATION) @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        Caller caller = Caller.of(token, correlation);
        return work.commit(() -> users.grant(userId, request.permission(), caller)).map(granted ->
                granted.respond(Response.status(Response.Status.CREATED).entity(granted.value())));
    }

    @DELETE
    @Path("/{userId}/permissions/{permission}")
    @Operation(summary = "Revoke a directly granted permission", description = "Emits permission.revoked; the "
            + "portal denies the permission from then on.")
    @APIResponse(responseCode = "204", description = "Revoked",
            headers = @Header(name = RequestHeaders.EVENT_DELIVERY, description = DELIVERY))
    @APIResponse(responseCode = "400", description = "Malformed permission",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown user, or the permission is not granted to them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> revoke(@PathParam("userId") String userId, @PathParam("permission") String permission,
            @Parameter(description = CORRELATION) @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        Caller caller = Caller.of(token, correlation);
        return work.commit(() -> users.revoke(userId, permission, caller)).map(revoked ->
                revoked.respond(Response.noContent()));
    }

    @PUT
    @Path("/{userId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disable or re-enable an account", description = "Emits user.account-status-changed. A disabled "
            + "account cannot log in, and its tokens are refused: by the admin center at once, by the other services as "
            + "soon as they apply the event.")
    @APIResponse(responseCode = "200", description = "The account with its new status",
            headers = @Header(name = RequestHeaders.EVENT_DELIVERY, description = DELIVERY))
    @APIResponse(responseCode = "404", description = "Unknown user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "One's own account (own-account / own-admin-role), or the last "
            + "active administrator (last-admin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> setStatus(@PathParam("userId") String userId, @NotNull @Valid AccountStatusChange request,
            @Parameter(description = CORRELATION) @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        Caller caller = Caller.of(token, correlation);
        // an unchanged status writes no event: then no X-Event-Delivery header
        return work.commit(() -> users.setStatus(userId, request.status(), request.reason(), caller)).map(changed ->
                changed.respond(Response.ok(changed.value())));
    }

    @PUT
    @Path("/{userId}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reset a user's password", description = "Tokens the user holds are refused from now on; "
            + "audited (user.password-reset).")
    @APIResponse(responseCode = "204", description = "Reset")
    @APIResponse(responseCode = "404", description = "Unknown user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> resetPassword(@PathParam("userId") String userId, @NotNull @Valid PasswordReset request,
            @Parameter(description = CORRELATION) @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        Caller caller = Caller.of(token, correlation);
        return hasher.hash(request.password())
                .flatMap(hash -> users.setPassword(userId, hash, userId.equals(caller.userId()), caller))
                .replaceWith(Response.noContent().build());
    }

    @PUT
    @Path("/{userId}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a user's roles", description = "Emits role.assigned; the portal recomputes the "
            + "user's effective permissions (role grants and direct grants).")
    @APIResponse(responseCode = "200", description = "Assigned",
            headers = @Header(name = RequestHeaders.EVENT_DELIVERY, description = DELIVERY))
    @APIResponse(responseCode = "404", description = "Unknown user or role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An admin dropping their own admin role (own-admin-role), or the "
            + "last active admin losing it (last-admin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> assignRoles(@PathParam("userId") String userId, @NotNull @Valid RoleAssignment request,
            @Parameter(description = CORRELATION) @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        Caller caller = Caller.of(token, correlation);
        return work.commit(() -> users.assignRoles(userId, request.roles(), caller)).map(assigned ->
                assigned.respond(Response.ok(assigned.value())));
    }

}
