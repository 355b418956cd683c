package io.lowcode.admincenter.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.lowcode.eventschema.api.ServiceInfo;

/**
 * The admin-center REST API (port 8082) as a typed client. Inject with {@code @RestClient} and set
 * {@code quarkus.rest-client.admin-center.url}, or build one with {@code QuarkusRestClientBuilder}.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "admin-center")
@Produces(MediaType.APPLICATION_JSON)
public interface AdminCenterClient {

    @GET
    @Path("/about")
    ServiceInfo about();
}
