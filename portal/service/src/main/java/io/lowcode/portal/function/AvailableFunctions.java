package io.lowcode.portal.function;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Status;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.runtime.messaging.PermanentEventFailure;
import io.lowcode.portal.execution.ExecutionService;
import io.lowcode.portal.execution.FunctionVersionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The available-function list: applies deployments and retirements (inside the inbox transaction the
 * consumer runs them in, so no transaction of their own) and answers the read side.
 */
@ApplicationScoped
public class AvailableFunctions {

    private final ExecutionService executions;

    public AvailableFunctions(ExecutionService executions) {
        this.executions = executions;
    }

    /** Keeps the published version's definition: the one executions run once it is deployed. */
    public Uni<Void> onPublished(EventEnvelope<?> event, FunctionUnitPublished published) {
        UUID id = functionUnitId(event, published.functionUnitId());
        return FunctionVersionEntity.find(id, published.version()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            FunctionVersionEntity version = new FunctionVersionEntity();
            version.functionUnitId = id;
            version.version = published.version();
            version.definition = published.definition() == null ? "{}" : published.definition().toString();
            version.contentDigest = published.contentDigest();
            version.publishedAt = event.time();
            return version.persist().replaceWithVoid();
        });
    }

    /** Adds the deployed version, or replaces the version deployed before it. */
    public Uni<Void> onDeployed(EventEnvelope<?> event, FunctionUnitDeployed deployed) {
        if (event.data().status() != Status.SUCCESS) {
            Log.infof("ignored failed deployment of %s %s (event %s, correlation %s)", deployed.functionUnitId(),
                    deployed.version(), event.id(), event.correlationid());
            return Uni.createFrom().voidItem();
        }
        UUID id = functionUnitId(event, deployed.functionUnitId());
        return AvailableFunctionEntity.<AvailableFunctionEntity>findById(id).flatMap(existing -> {
            if (existing != null && existing.deployedAt.isAfter(event.time())) {
                Log.infof("ignored stale deployment of %s %s at %s: %s was deployed later, at %s (event %s)", id,
                        deployed.version(), event.time(), existing.version, existing.deployedAt, event.id());
                return Uni.createFrom().voidItem();
            }
            AvailableFunctionEntity function = existing != null ? existing : new AvailableFunctionEntity();
            String replaced = existing != null ? existing.version : null;
            function.functionUnitId = id;
            function.name = deployed.name();
            function.version = deployed.version();
            function.deploymentId = deployed.deploymentId();
            function.environment = deployed.environment();
            function.deployedAt = event.time();
            function.deployedBy = deployed.deployedBy();
            function.contentDigest = deployed.contentDigest();
            Log.infof("function %s '%s' %s is available%s (deployment %s, event %s, correlation %s)", id,
                    deployed.name(), deployed.version(), replaced == null ? "" : ", replacing " + replaced,
                    deployed.deploymentId(), event.id(), event.correlationid());
            return existing != null ? Uni.createFrom().voidItem() : function.persist().replaceWithVoid();
        });
    }

    /** Removes the function if the retired version is the one available; a newer deployment stays. */
    public Uni<Void> onRetired(EventEnvelope<?> event, FunctionUnitRetired retired) {
        if (event.data().status() != Status.SUCCESS) {
            Log.infof("ignored failed retirement of %s %s (event %s, correlation %s)", retired.functionUnitId(),
                    retired.version(), event.id(), event.correlationid());
            return Uni.createFrom().voidItem();
        }
        UUID id = functionUnitId(event, retired.functionUnitId());
        return AvailableFunctionEntity.delete("functionUnitId = ?1 and version = ?2", id, retired.version())
                .call(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                        : executions.interruptAll(id, retired.version(), retired.name(), "function unit '"
                                + retired.name() + "' version " + retired.version() + " was retired"
                                + (retired.reason() == null ? "" : ": " + retired.reason()), event))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("function %s %s is no longer available (event %s, correlation %s)", id,
                                retired.version(), event.id(), event.correlationid());
                    } else {
                        Log.infof("retirement of %s %s changed nothing: that version is not the available one "
                                + "(event %s, correlation %s)", id, retired.version(), event.id(), event.correlationid());
                    }
                })
                .replaceWithVoid();
    }

    /** Every available function, by name. */
    @WithSession
    public Uni<List<AvailableFunctionEntity>> list() {
        return AvailableFunctionEntity.listAll(Sort.by("name").and("functionUnitId"));
    }

    /** The available function of {@code functionUnitId}, if it has a deployed version. */
    @WithSession
    public Uni<Optional<AvailableFunctionEntity>> find(UUID functionUnitId) {
        return AvailableFunctionEntity.<AvailableFunctionEntity>findById(functionUnitId).map(Optional::ofNullable);
    }

    /** Function units are identified by UUIDs; an event naming anything else can never apply. */
    private static UUID functionUnitId(EventEnvelope<?> event, String functionUnitId) {
        if (!event.subject().equals(functionUnitId)) {
            throw new PermanentEventFailure("event " + event.id() + " is about " + event.subject()
                    + " but its payload names function unit " + functionUnitId);
        }
        try {
            return UUID.fromString(functionUnitId);
        } catch (IllegalArgumentException e) {
            throw new PermanentEventFailure("function unit id '" + functionUnitId + "' of event " + event.id()
                    + " is not a UUID");
        }
    }
}
