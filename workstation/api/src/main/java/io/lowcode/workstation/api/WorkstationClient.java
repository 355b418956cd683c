package io.lowcode.workstation.api;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.lowcode.eventschema.api.ServiceInfo;

/**
 * The workstation's REST API (port 8081) as a typed client. Inject with {@code @RestClient} and set
 * {@code quarkus.rest-client.workstation.url}, or build one with {@code RestClientBuilder}.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "workstation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface WorkstationClient {

    @GET
    @Path("/about")
    ServiceInfo about();

    @POST
    @Path("/function-units")
    FunctionUnitView create(CreateFunctionUnit request);

    @GET
    @Path("/function-units")
    List<FunctionUnitView> list();

    @GET
    @Path("/function-units/{id}")
    FunctionUnitView get(@PathParam("id") UUID id);

    @PUT
    @Path("/function-units/{id}")
    FunctionUnitView update(@PathParam("id") UUID id, UpdateFunctionUnit request);

    @POST
    @Path("/function-units/{id}/versions")
    VersionView publish(@PathParam("id") UUID id, PublishVersion request);

    /** Replaces who besides the owner may edit and publish the unit (the owner only: else 403 {@code not-owner}). */
    @PUT
    @Path("/function-units/{id}/collaborators")
    FunctionUnitView collaborators(@PathParam("id") UUID id, Collaborators request);

    /** Who changed the draft (and its collaborators, and published it), newest first. */
    @GET
    @Path("/function-units/{id}/edits")
    List<DraftEdit> edits(@PathParam("id") UUID id);
}
