package io.lowcode.portal.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
}
