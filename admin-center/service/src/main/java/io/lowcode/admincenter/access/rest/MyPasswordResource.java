package io.lowcode.admincenter.access.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.access.service.PasswordHasher;
import io.lowcode.admincenter.access.service.UserAdministration;
import io.lowcode.admincenter.api.PasswordChange;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Changing one's own password (any signed-in user). */
@Path("/api/v1/me/password")
@Authenticated
@Tag(name = "Users and access")
public class MyPasswordResource {

    private final UserAdministration users;
    private final PasswordHasher hasher;
    private final JsonWebToken token;

    public MyPasswordResource(UserAdministration users, PasswordHasher hasher, JsonWebToken token) {
        this.users = users;
        this.hasher = hasher;
        this.token = token;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my password", description = "Needs the current password. Every token issued before, "
            + "this one included, is refused by the admin center from now on: log in again. Audited "
            + "(user.password-changed).")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "403", description = "The current password is wrong (wrong-password)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> change(@NotNull @Valid PasswordChange request,
            @Parameter(description = "Ties the change to its audit entry; a new UUID when absent")
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        Caller caller = Caller.of(token, correlation);
        return users.credentials(caller.userId())
                .flatMap(account -> hasher.matches(request.currentPassword(), account.passwordHash, caller.userId(), true))
                .flatMap(right -> {
                    if (!right) {
                        throw new ProblemException(403, "wrong-password", "Forbidden", "the current password is wrong",
                                java.util.List.of());
                    }
                    return hasher.hash(request.newPassword());
                })
                .flatMap(hash -> users.setPassword(caller.userId(), hash, true, caller))
                .replaceWith(Response.noContent().build());
    }
}
