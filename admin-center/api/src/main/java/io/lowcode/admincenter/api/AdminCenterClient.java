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

    /**
     * Ops: the dead-letter index, newest first (roles ops, admin). Filters optional: {@code topic} (a dead-letter
     * topic), {@code type} (event type), {@code kind} (invalid-event, permanent-failure, retries-exhausted,
     * undeliverable), {@code consumer}, {@code state} (NEW, REPLAYED, DISCARDED), {@code from} (inclusive) and
     * {@code to} (exclusive) ISO-8601 instants of dead-lettering; {@code page} from 0, {@code size} 1..200.
     */
    @GET
    @Path("/ops/dead-letters")
    DeadLetterPage deadLetters(@QueryParam("topic") String topic, @QueryParam("type") String type,
            @QueryParam("kind") String kind, @QueryParam("consumer") String consumer, @QueryParam("state") String state,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    /** Ops: one dead letter with its headers and payload (roles ops, admin); 404 for unknown coordinates. */
    @GET
    @Path("/ops/dead-letters/{topic}/{partition}/{offset}")
    DeadLetter deadLetter(@PathParam("topic") String topic, @PathParam("partition") int partition,
            @PathParam("offset") long offset);

    /**
     * Ops: replays dead letters to their original topics (role ops): 200 with what was replayed; 400 for a bad or too
     * large selection, 404 for unknown coordinates, 409 when one was replayed or discarded before (unless
     * {@code force}) or cannot be replayed. All or nothing.
     */
    @POST
    @Path("/ops/dead-letters/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    DeadLetterActionResult replayDeadLetters(DeadLetterSelection selection);

    /** Ops: marks dead letters handled (role ops): 200; 400/404 as for a replay, 409 for a replayed one unless forced. */
    @POST
    @Path("/ops/dead-letters/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    DeadLetterActionResult discardDeadLetters(DeadLetterSelection selection);

    /**
     * Ops: reconciles the portal's read models with the admin center's state now (role ops): 201 with the report;
     * drift is repaired through events. 409 while another reconciliation runs.
     */
    @POST
    @Path("/ops/reconciliations")
    ReconciliationReport reconcile();

    /** Ops: the reconciliation reports, newest first (roles ops, admin); {@code page} from 0, {@code size} 1..200. */
    @GET
    @Path("/ops/reconciliations")
    ReconciliationPage reconciliations(@QueryParam("page") Integer page, @QueryParam("size") Integer size);

    /** Ops: one reconciliation report (roles ops, admin); 404 when unknown. */
    @GET
    @Path("/ops/reconciliations/{id}")
    ReconciliationReport reconciliation(@PathParam("id") String id);
    // ---- operations: monitoring and alerts (roles ops and admin read, ops writes) ----

    /** The Kafka cluster: brokers (up or not), controller quorum, partition health, log-dir bytes. */
    @GET
    @Path("/ops/cluster")
    io.lowcode.admincenter.api.ops.ClusterHealth opsCluster();

    /** Every topic: partitions, replication, configuration, records and produce rate. */
    @GET
    @Path("/ops/topics")
    List<io.lowcode.admincenter.api.ops.TopicView> opsTopics();

    /** Every consumer group with its lag and Burrow status (partitions without their window samples). */
    @GET
    @Path("/ops/consumer-groups")
    List<io.lowcode.admincenter.api.ops.ConsumerGroupView> opsConsumerGroups();

    /** One consumer group with the window samples behind each partition's status; 404 when unknown. */
    @GET
    @Path("/ops/consumer-groups/{group}")
    io.lowcode.admincenter.api.ops.ConsumerGroupView opsConsumerGroup(@PathParam("group") String group);

    /** Per service and event type: published, consumed, retried, dead-lettered; outbox backlog and age. */
    @GET
    @Path("/ops/event-flow")
    io.lowcode.admincenter.api.ops.EventFlow opsEventFlow();

    /** The alerts firing now, newest first. */
    @GET
    @Path("/ops/alerts")
    List<io.lowcode.admincenter.api.ops.Alert> activeAlerts();

    /**
     * Every alert, newest first. Filters optional: {@code status} (FIRING, RESOLVED), {@code rule}, {@code severity},
     * {@code from} / {@code to} (ISO-8601, on the raise time); {@code page} from 0, {@code size} 1..200.
     */
    @GET
    @Path("/ops/alerts/history")
    io.lowcode.admincenter.api.ops.AlertPage alertHistory(@QueryParam("status") String status,
            @QueryParam("rule") String rule, @QueryParam("severity") String severity, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") Integer page, @QueryParam("size") Integer size);

    /** Acknowledges a firing alert (role ops); 404 unknown, 409 {@code alert-resolved}. */
    @POST
    @Path("/ops/alerts/{id}/acknowledge")
    io.lowcode.admincenter.api.ops.Alert acknowledgeAlert(@PathParam("id") String id);

    /** Silences that have not ended, soonest end first. */
    @GET
    @Path("/ops/alerts/silences")
    List<io.lowcode.admincenter.api.ops.Silence> silences();

    /** Creates a silence (role ops, 201); 400 naming the bad field. */
    @POST
    @Path("/ops/alerts/silences")
    @Consumes(MediaType.APPLICATION_JSON)
    io.lowcode.admincenter.api.ops.Silence silence(io.lowcode.admincenter.api.ops.SilenceRequest request);

    /** Ends a silence now (role ops, 204); 404 unknown or already ended. */
    @DELETE
    @Path("/ops/alerts/silences/{id}")
    void endSilence(@PathParam("id") String id);

    // ---- operations: configuration, incidents, scaling, migrations, history (ops and admin read, ops writes) ----

    /** The managed configuration: parameters, drift, each service's applied version. */
    @GET
    @Path("/ops/configuration")
    io.lowcode.admincenter.api.ops.ConfigurationView configuration();

    /** Changes parameters: a new version (role ops); 400 naming parameters.&lt;key&gt;, 409 configuration-changed. */
    @PUT
    @Path("/ops/configuration")
    @Consumes(MediaType.APPLICATION_JSON)
    io.lowcode.admincenter.api.ops.ConfigurationVersion changeConfiguration(
            io.lowcode.admincenter.api.ops.ConfigurationChange change);

    /** Versions of the managed configuration, newest first. */
    @GET
    @Path("/ops/configuration/versions")
    io.lowcode.admincenter.api.ops.ConfigurationVersionPage configurationVersions(@QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    /** Rolls back to version n: a new version with n's values (role ops); 404 unknown version. */
    @POST
    @Path("/ops/configuration/versions/{n}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    io.lowcode.admincenter.api.ops.ConfigurationVersion rollbackConfiguration(@PathParam("n") int n,
            io.lowcode.admincenter.api.ops.ConfigurationRollback request);

    /** The fault history of self-healing, newest first; filters optional. */
    @GET
    @Path("/ops/incidents")
    io.lowcode.admincenter.api.ops.IncidentPage incidents(@QueryParam("service") String service,
            @QueryParam("kind") String kind, @QueryParam("page") Integer page, @QueryParam("size") Integer size);

    /** Scaling advice per consumer group and partition advice per topic. */
    @GET
    @Path("/ops/scaling")
    io.lowcode.admincenter.api.ops.ScalingAdvice scaling();

    /** The migrator's runs, steps, schema versions and newest report. */
    @GET
    @Path("/ops/migrations")
    io.lowcode.admincenter.api.ops.Migrations migrations();

    /** One topic with its partitions (leader, replicas, ISR, offsets). */
    @GET
    @Path("/ops/topics/{topic}")
    io.lowcode.admincenter.api.ops.TopicDetail opsTopic(@PathParam("topic") String topic);

    /** A group's lag over the last minutes (1..60). */
    @GET
    @Path("/ops/consumer-groups/{group}/history")
    io.lowcode.admincenter.api.ops.GroupHistory consumerGroupHistory(@PathParam("group") String group,
            @QueryParam("minutes") Integer minutes);

    /** Events and dead letters per second over the last minutes (1..60). */
    @GET
    @Path("/ops/throughput")
    io.lowcode.admincenter.api.ops.Throughput throughput(@QueryParam("minutes") Integer minutes);

    /** Dead letters per topic and state. */
    @GET
    @Path("/ops/dead-letters/summary")
    io.lowcode.admincenter.api.ops.DeadLetterSummary deadLetterSummary();
}
