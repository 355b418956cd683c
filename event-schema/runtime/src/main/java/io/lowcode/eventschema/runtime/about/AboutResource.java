package io.lowcode.eventschema.runtime.about;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.ServiceInfo;
import io.lowcode.eventschema.runtime.ServiceConfig;

/** {@code GET /api/v1/about}: which module this is, the schema it needs, and the events it trades. */
@Path("/api/v1/about")
public class AboutResource {

    private final ServiceConfig service;

    public AboutResource(ServiceConfig service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.ADMIN, Roles.OPS, Roles.USER })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Module name, version, required schema version and the event types it produces and consumes")
    public ServiceInfo about() {
        return new ServiceInfo(service.name(), service.version(), service.schema(), service.requiredSchemaVersion(),
                service.produces().stream().filter(t -> !t.equals("none")).toList(),
                service.consumes().stream().filter(t -> !t.equals("none")).toList());
    }
}
