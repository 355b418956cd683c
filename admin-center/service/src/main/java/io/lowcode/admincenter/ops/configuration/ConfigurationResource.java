package io.lowcode.admincenter.ops.configuration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.ops.ConfigurationChange;
import io.lowcode.admincenter.api.ops.ConfigurationRollback;
import io.lowcode.admincenter.api.ops.ConfigurationVersion;
import io.lowcode.admincenter.api.ops.ConfigurationVersionPage;
import io.lowcode.admincenter.api.ops.ConfigurationView;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.problem.Problem;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.eventschema.runtime.rest.QueryParams;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v1/ops/configuration}: the managed configuration with its versions. Reads for ops and admin, changes and
 * rollbacks for ops (audited as {@code ops.configuration-changed}).
 */
@Path("/api/v1/ops/configuration")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations: configuration", description = "Managed configuration: topics, alert thresholds, notifier, "
        + "consumer retries, self-healing and the migrator's parameters, with versions, rollback and drift")
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class ConfigurationResource {

    private final ConfigurationService service;
    private final ConfigurationViews views;
    private final JsonWebToken token;

    public ConfigurationResource(ConfigurationService service, ConfigurationViews views, JsonWebToken token) {
        this.service = service;
        this.views = views;
        this.token = token;
    }

    @GET
    @Operation(summary = "The managed configuration", description = "The newest version's parameters (value, default, "
            + "bounds, how each takes effect), drift (Kafka or a service not as managed) and each service's version.")
    public Uni<ConfigurationView> current() {
        return views.view();
    }

    @PUT
    @RolesAllowed(Roles.OPS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change parameters: a new version", description = "Validates every value first (400 naming "
            + "parameters.<key>), then records the version, publishes configuration.changed for the services and "
            + "applies topic settings through the Kafka Admin API. A partition increase waits until the topic's "
            + "consumer groups have no lag.")
    @APIResponse(responseCode = "200", description = "The new version and how applying it went")
    @APIResponse(responseCode = "400", description = "A bad value, an unknown parameter, no reason, nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "expectedVersion is not the newest (configuration-changed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConfigurationVersion> change(@NotNull ConfigurationChange change,
            @Parameter(description = "Ties the change to the audit log") @HeaderParam(RequestHeaders.CORRELATION_ID)
            String correlation) {
        return service.change(change, Caller.of(token, correlation)).map(StoredVersion::view);
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Versions, newest first", description = "Who, when, why, what changed, how it was applied.")
    @APIResponse(responseCode = "400", description = "A bad page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConfigurationVersionPage> versions(@QueryParam("page") String page, @QueryParam("size") String size) {
        return views.versions(QueryParams.integer("page", page, 0, 0, QueryParams.MAX_PAGE),
                QueryParams.integer("size", size, QueryParams.DEFAULT_PAGE_SIZE, 1, QueryParams.MAX_PAGE_SIZE));
    }

    @GET
    @Path("/versions/{n}")
    @Operation(summary = "One version")
    @APIResponse(responseCode = "404", description = "No such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConfigurationVersion> version(@PathParam("n") String n) {
        return views.version(versionNumber(n));
    }

    @POST
    @Path("/versions/{n}/rollback")
    @RolesAllowed(Roles.OPS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Roll back to version n: a new version", description = "Restores version n's values as a new "
            + "version, applied like any change. Partition counts never go down. Rolling back to the newest version "
            + "applies it again (repairs drift).")
    @APIResponse(responseCode = "400", description = "No reason, not a version number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConfigurationVersion> rollback(@PathParam("n") String n, @NotNull ConfigurationRollback request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        return service.rollback(versionNumber(n), request.reason(), Caller.of(token, correlation)).map(StoredVersion::view);
    }

    private static int versionNumber(String raw) {
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("n", "must be a version number from 1");
    }
}
