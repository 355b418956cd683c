package io.lowcode.workstation.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.lowcode.eventschema.api.ServiceInfo;

/**
 * The workstation's REST API (port 8081) as a typed client. Inject with {@code @RestClient} and set
 * {@code quarkus.rest-client.workstation.url}, or build one with {@code QuarkusRestClientBuilder}.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "workstation")
@Produces(MediaType.APPLICATION_JSON)
public interface WorkstationClient {

    @GET
    @Path("/about")
    ServiceInfo about();
}
