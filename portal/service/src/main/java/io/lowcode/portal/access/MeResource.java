package io.lowcode.portal.access;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.eventschema.access.Permission;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.portal.api.Me;
import io.smallrye.mutiny.Uni;

/** The calling user's account, roles and effective permissions. */
@Path("/api/v1/me")
@RolesAllowed(Roles.USER)
@Tag(name = "Account")
public class MeResource {

    private final AccessCache access;
    private final JsonWebToken token;

    public MeResource(AccessCache access, JsonWebToken token) {
        this.access = access;
        this.token = token;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My account, personal space, roles and effective permissions")
    @APIResponse(responseCode = "404", description = "The portal has no account for this user (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Me> me() {
        UUID userId = userIdOf(token);
        if (userId == null) {
            throw notProvisioned(token.getSubject());
        }
        return access.profile(userId).map(found -> found.map(p -> new Me(p.account().userId, p.account().username,
                        p.account().displayName, p.account().email, p.account().status, p.account().activatedAt,
                        p.space() == null ? null : p.space().id, p.roles(),
                        p.permissions().stream().map(Permission::toString).sorted().toList()))
                .orElseThrow(() -> notProvisioned(token.getSubject())));
    }

    /** The user id of the token: its subject when that is a UUID (every admin-center token), else {@code null}. */
    public static UUID userIdOf(JsonWebToken token) {
        try {
            return token.getSubject() == null ? null : UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException notAUserId) {
            return null;
        }
    }

    private static ProblemException notProvisioned(String subject) {
        return new ProblemException(404, "account-not-provisioned", "Not found", "the portal has no account for user "
                + subject + " (accounts are activated from user.account-created)", java.util.List.of());
    }
}
