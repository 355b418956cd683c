package io.lowcode.admincenter.access.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lowcode.admincenter.api.RoleView;
import io.lowcode.eventschema.access.Permission;
import io.lowcode.eventschema.access.RoleCatalog;
import io.lowcode.eventschema.access.Roles;

/** The role catalog. */
@Path("/api/v1/roles")
@Tag(name = "Users and access")
public class RoleResource {

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every role and the permissions it grants")
    public List<RoleView> roles() {
        return Arrays.stream(RoleCatalog.values())
                .map(r -> new RoleView(r.role(), r.description(), r.grants().stream().map(Permission::toString).toList()))
                .toList();
    }
}
