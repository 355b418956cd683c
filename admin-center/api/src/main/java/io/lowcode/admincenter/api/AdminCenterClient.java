package io.lowcode.admincenter.api;

import io.lowcode.eventschema.api.RequestHeaders;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.lowcode.eventschema.api.ServiceInfo;

/**
 * The admin-center REST API (port 8082) as a typed client. Inject with {@code @RestClient} and set
 * {@code quarkus.rest-client.admin-center.url}, or build one with {@code QuarkusRestClientBuilder}.
 * Errors arrive as RFC 9457 problem+json (a {@code WebApplicationException} in the client).
 * Every call but {@link #token} needs {@code Authorization: Bearer <token>} (register a {@code ClientRequestFilter}
 * or {@code @ClientHeaderParam}); the acting user is the token's subject. {@code correlationId} may be
 * {@code null}: the service then uses a new one.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "admin-center")
@Produces(MediaType.APPLICATION_JSON)
public interface AdminCenterClient {

    @GET
    @Path("/about")
    ServiceInfo about();

    /** The inventory: every function unit the workstation created, sorted by name. */
    @GET
    @Path("/function-units")
    List<FunctionUnitSummary> functionUnits();

    /** Published versions not yet deployed, newest first. */
    @GET
    @Path("/deployments/pending")
    List<PendingDeployment> pendingDeployments();

    /** Deploys a published version to production (201); 404 for an unknown unit, 409 for an unpublished version. */
    @POST
    @Path("/function-units/{functionUnitId}/deployments")
    @Consumes(MediaType.APPLICATION_JSON)
    Deployment deploy(@PathParam("functionUnitId") String functionUnitId, DeploymentRequest request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId);

    /** One deployment of a unit (where a deployment's {@code Location} points). */
    @GET
    @Path("/function-units/{functionUnitId}/deployments/{deploymentId}")
    Deployment deployment(@PathParam("functionUnitId") String functionUnitId,
            @PathParam("deploymentId") String deploymentId);

    /** Retires the deployed version (200); 404 for an unknown unit, 409 when nothing is deployed. */
    @POST
    @Path("/function-units/{functionUnitId}/retirement")
    @Consumes(MediaType.APPLICATION_JSON)
    Retirement retire(@PathParam("functionUnitId") String functionUnitId, RetirementRequest request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId);

    /**
     * The audit log, newest first. Every filter is optional; {@code from} (inclusive) and {@code to} (exclusive)
     * are ISO-8601 instants; {@code page} from 0, {@code size} 1..200 (default 50).
     */
    @GET
    @Path("/audit-events")
    AuditEventPage auditEvents(@QueryParam("type") String type, @QueryParam("subject") String subject,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    /** Logs in: a signed access token (200); 401 for a wrong username or password, 429 after repeated failures. */
    @POST
    @Path("/auth/token")
    @Consumes(MediaType.APPLICATION_JSON)
    TokenResponse token(TokenRequest request);

    /** Creates a user account (201); 409 for a taken username, 404 for an unknown role. */
    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_JSON)
    UserView createUser(CreateUser request, @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId);

    /** Every user account, sorted by username. */
    @GET
    @Path("/users")
    List<UserView> users();

    /** One user account; 404 when unknown. */
    @GET
    @Path("/users/{userId}")
    UserView user(@PathParam("userId") String userId);

    /** Grants a permission (201); 400 when malformed, 404 for an unknown user, 409 when already granted. */
    @POST
    @Path("/users/{userId}/permissions")
    @Consumes(MediaType.APPLICATION_JSON)
    GrantedPermission grant(@PathParam("userId") String userId, PermissionGrant request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId);

    /** Revokes a directly granted permission (204); 404 for an unknown user or a permission not granted. */
    @DELETE
    @Path("/users/{userId}/permissions/{permission}")
    void revoke(@PathParam("userId") String userId, @PathParam("permission") String permission,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId);

    /**
     * Disables or re-enables an account (200): a disabled account cannot log in and its tokens are refused; 409
     * {@code own-account} for one's own, {@code last-admin} for the last active admin.
     */
    @PUT
    @Path("/users/{userId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    UserView setStatus(@PathParam("userId") String userId, AccountStatusChange request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId);

    /** An admin sets a user's password (204); the user's older tokens are refused from then on. */
    @PUT
    @Path("/users/{userId}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    void resetPassword(@PathParam("userId") String userId, PasswordReset request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId);

    /** The caller changes their own password (204); 403 {@code wrong-password}; older tokens are refused from then on. */
    @PUT
    @Path("/me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    void changePassword(PasswordChange request, @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId);

    /**
     * Replaces the user's roles (200); 404 for an unknown user or role; 409 {@code own-admin-role} when an admin would
     * drop their own admin role, {@code last-admin} when the last active admin would lose it.
     */
    @PUT
    @Path("/users/{userId}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    UserRoles assignRoles(@PathParam("userId") String userId, RoleAssignment request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlationId);

    /** Every role and the permissions it grants. */
    @GET
    @Path("/roles")
    List<RoleView> roles();

    /** The execution monitor: per function unit counts, success rate, p95 duration (roles ops, admin). */
    @GET
    @Path("/executions/stats")
    List<ExecutionStats> executionStats();

    /**
     * The notifier's delivery log, newest first. Filters optional: {@code status} (PENDING, SENDING, RETRY, SENT,
     * FAILED, SUPPRESSED, RATE_LIMITED, SKIPPED), {@code channel} (EMAIL, SMS, IM), {@code notificationId};
     * {@code page} from 0, {@code size} 1..200 (default 50). Roles admin and ops.
     */
    @GET
    @Path("/notifications")
    NotificationDeliveryPage notifications(@QueryParam("status") String status, @QueryParam("channel") String channel,
            @QueryParam("notificationId") String notificationId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    /** Records the user's phone number for SMS and IM mentions (200); 400 when malformed, 404 for an unknown user. */
    @PUT
    @Path("/users/{userId}/contact")
    @Consumes(MediaType.APPLICATION_JSON)
    UserContact setContact(@PathParam("userId") String userId, UserContact contact);

    /**
     * The monitoring service's lifecycle timeline, newest first (roles ops, admin). Filters optional:
     * {@code functionUnitId}, {@code type} (e.g. function-unit.deployed), {@code from}/{@code to} (ISO-8601);
     * {@code page} from 0, {@code size} 1..200 (default 50).
     */
    @GET
    @Path("/ops/timeline")
    TimelinePage timeline(@QueryParam("functionUnitId") String functionUnitId, @QueryParam("type") String type,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    /** Live deployments and their health from their executions (roles ops, admin). */
    @GET
    @Path("/ops/deployments")
    List<DeploymentHealth> deploymentHealth();
}
