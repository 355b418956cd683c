package io.lowcode.portal.api;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.lowcode.eventschema.api.ServiceInfo;

/**
 * The portal REST API (port 8083) as a typed client. Inject with {@code @RestClient} and set
 * {@code quarkus.rest-client.portal.url}, or build one with {@code QuarkusRestClientBuilder}.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "portal")
@Produces(MediaType.APPLICATION_JSON)
public interface PortalClient {

    @GET
    @Path("/about")
    ServiceInfo about();

    /** The functions the caller may execute (the deployed version of each function unit), sorted by name. */
    @GET
    @Path("/functions")
    List<AvailableFunction> functions();

    /**
     * One available function; a 403 problem ({@code urn:lowcode:problem:permission-required}) without
     * {@code function-unit:<id>:execute}, a 404 ({@code urn:lowcode:problem:not-found}) when the unit has no
     * deployed version.
     */
    @GET
    @Path("/functions/{id}")
    AvailableFunctionDetails function(@PathParam("id") UUID functionUnitId);

    /** The caller's account, roles and effective permissions; 404 ({@code account-not-provisioned}) until activated. */
    @GET
    @Path("/me")
    Me me();

    /** Starts an execution (202 with the execution); 403 without the permission, 404 when not deployed. */
    @POST
    @Path("/functions/{id}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    ExecutionView start(@PathParam("id") UUID functionUnitId, StartExecution request);

    /** One of the caller's executions; 404 otherwise. */
    @GET
    @Path("/executions/{id}")
    ExecutionView execution(@PathParam("id") UUID executionId);

    /**
     * Ops (role ops): one page of the permission cache — accounts with their roles and direct grants — by user id,
     * starting after {@code after} (null: the first page); {@code size} 1..200 (default 200). For reconciliation.
     */
    @GET
    @Path("/ops/read-model/accounts")
    ReadModelAccountPage readModelAccounts(@QueryParam("after") UUID after, @QueryParam("size") Integer size);

    /**
     * Ops (role ops): one page of the available functions by function unit id, starting after {@code after} (null:
     * the first page); {@code size} 1..200 (default 200). For reconciliation.
     */
    @GET
    @Path("/ops/read-model/functions")
    ReadModelFunctionPage readModelFunctions(@QueryParam("after") UUID after, @QueryParam("size") Integer size);
}
