package io.lowcode.admincenter.access.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.access.service.TokenService;
import io.lowcode.admincenter.api.TokenRequest;
import io.lowcode.admincenter.api.TokenResponse;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.smallrye.mutiny.Uni;

/** Log in: the only endpoint that needs no token. */
@Path("/api/v1/auth/token")
@Tag(name = "Authentication", description = "Tokens for the platform's APIs")
public class AuthResource {

    private final TokenService tokens;

    public AuthResource(TokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with username and password",
            description = "Returns a signed JWT for every service's API (Authorization: Bearer <access_token>). "
                    + "A wrong username and a wrong password get the same 401; repeated failures for a username from "
                    + "one address, or from one address at all, get 429; a full password-check queue 503.")
    @APIResponse(responseCode = "200", description = "Logged in")
    @APIResponse(responseCode = "400", description = "Missing username or password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Wrong username or password (invalid-credentials)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many failed logins for this username from this address, or "
            + "from this address; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Too many logins are being checked (overloaded); see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenResponse> token(@NotNull @Valid TokenRequest request,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest http) {
        // the connection's peer, or the client a trusted proxy names (quarkus.http.proxy.*)
        String source = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return tokens.issue(request.username(), request.password(), source);
    }
}
