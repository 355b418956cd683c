package io.lowcode.workstation.functionunit.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.messaging.UnitOfWork;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.workstation.api.Collaborators;
import io.lowcode.workstation.api.CreateFunctionUnit;
import io.lowcode.workstation.api.DraftEdit;
import io.lowcode.workstation.api.FunctionUnitView;
import io.lowcode.workstation.api.PublishVersion;
import io.lowcode.workstation.api.UpdateFunctionUnit;
import io.lowcode.workstation.functionunit.service.FunctionUnitService;
import io.smallrye.mutiny.Uni;

/** The developer's function units. */
@Path("/api/v1/function-units")
@RolesAllowed(Roles.DEVELOPER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "function units")
public class FunctionUnitResource {

    private final FunctionUnitService units;
    private final UnitOfWork work;

    private final JsonWebToken token;

    public FunctionUnitResource(FunctionUnitService units, UnitOfWork work, JsonWebToken token) {
        this.token = token;
        this.units = units;
        this.work = work;
    }

    @POST
    @Operation(summary = "Create a function unit with its draft definition; emits function-unit.created")
    @APIResponse(responseCode = "201", description = "Created; X-Event-Delivery says whether the event is on Kafka yet")
    @APIResponse(responseCode = "400", description = "Invalid request (problem+json names the field)")
    public Uni<Response> create(@NotNull @Valid CreateFunctionUnit request, @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        return work.commit(() -> units.create(request, Caller.of(token, correlation)))
                .map(done -> done.respond(Response.status(201)
                        .location(URI.create("/api/v1/function-units/" + done.value().id())).entity(done.value())));
    }

    @GET
    @Operation(summary = "All function units with their versions and deployment status")
    public Uni<List<FunctionUnitView>> list() {
        return units.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One function unit with its versions and their deployment status")
    @APIResponse(responseCode = "404", description = "No such function unit")
    public Uni<FunctionUnitView> get(@PathParam("id") UUID id) {
        return units.get(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Edit the draft (description, definition); published versions do not change",
            description = "The owner or a collaborator only; attributed (updatedBy) and audited (GET .../edits).")
    @APIResponse(responseCode = "403", description = "Neither the owner nor a collaborator (not-owner)")
    @APIResponse(responseCode = "404", description = "No such function unit")
    public Uni<FunctionUnitView> update(@PathParam("id") UUID id, @NotNull @Valid UpdateFunctionUnit request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        return units.update(id, request, Caller.of(token, correlation));
    }

    @PUT
    @Path("/{id}/collaborators")
    @Operation(summary = "Set who besides the owner may edit and publish the unit (the owner only)")
    @APIResponse(responseCode = "403", description = "Not the owner (not-owner)")
    @APIResponse(responseCode = "404", description = "No such function unit")
    public Uni<FunctionUnitView> collaborators(@PathParam("id") UUID id, @NotNull @Valid Collaborators request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        return units.collaborators(id, request.userIds(), Caller.of(token, correlation));
    }

    @GET
    @Path("/{id}/edits")
    @Operation(summary = "Who changed the draft, its collaborators and published it, newest first")
    @APIResponse(responseCode = "404", description = "No such function unit")
    public Uni<List<DraftEdit>> edits(@PathParam("id") UUID id) {
        return units.edits(id);
    }

    @POST
    @Path("/{id}/versions")
    @Operation(summary = "Publish the draft as an immutable version; emits function-unit.published")
    @APIResponse(responseCode = "201", description = "Published")
    @APIResponse(responseCode = "400", description = "A step name does not follow the rules (validation)")
    @APIResponse(responseCode = "403", description = "Neither the owner nor a collaborator (not-owner)")
    @APIResponse(responseCode = "404", description = "No such function unit")
    @APIResponse(responseCode = "409", description = "That version exists already")
    public Uni<Response> publish(@PathParam("id") UUID id, @NotNull @Valid PublishVersion request,
            @HeaderParam(RequestHeaders.CORRELATION_ID) String correlation) {
        return work.commit(() -> units.publish(id, request, Caller.of(token, correlation)))
                .map(done -> done.respond(Response.status(201).entity(done.value())
                        .location(URI.create("/api/v1/function-units/" + id + "/versions/" + done.value().version()))));
    }

}
