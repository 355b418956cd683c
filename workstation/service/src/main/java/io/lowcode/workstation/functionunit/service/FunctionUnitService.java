package io.lowcode.workstation.functionunit.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.definition.ContentDigest;
import io.lowcode.eventschema.definition.StepNames;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.persistence.SqlErrors;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.workstation.api.CreateFunctionUnit;
import io.lowcode.workstation.api.DraftEdit;
import io.lowcode.workstation.api.FunctionUnitView;
import io.lowcode.workstation.api.PublishVersion;
import io.lowcode.workstation.api.UpdateFunctionUnit;
import io.lowcode.workstation.api.VersionView;
import io.lowcode.workstation.functionunit.persistence.DraftEditEntity;
import io.lowcode.workstation.functionunit.persistence.FunctionUnit;
import io.lowcode.workstation.functionunit.persistence.FunctionUnitVersion;
import io.lowcode.workstation.functionunit.persistence.FunctionUnitVersion.DeploymentStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Function units and their versions. Each change and the event announcing it commit together (the
 * outbox); the caller publishes the returned events after the commit.
 */
@ApplicationScoped
public class FunctionUnitService {

    /** Largest accepted definition, serialized. */
    static final int MAX_DEFINITION_CHARS = 256 * 1024;

    private final Outbox outbox;
    private final FunctionUnitMapper mapper;

    public FunctionUnitService(Outbox outbox, FunctionUnitMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @WithTransaction
    public Uni<FunctionUnitView> create(CreateFunctionUnit request, Caller caller) {
        FunctionUnit unit = new FunctionUnit();
        unit.id = UUID.randomUUID();
        unit.name = request.name().strip();
        unit.description = request.description();
        unit.category = request.category() == null ? FunctionUnitCreated.UNCATEGORIZED : request.category();
        unit.ownerId = caller.userId();
        unit.definition = definitionText(request.definition());
        unit.createdAt = now();
        unit.updatedAt = unit.createdAt;
        unit.updatedBy = caller.userId();
        FunctionUnitCreated created = new FunctionUnitCreated(unit.id.toString(), unit.name, unit.description,
                unit.ownerId, unit.category);
        return unit.persist()
                .call(() -> edit(unit, "created", caller))
                .flatMap(ignored -> outbox.add(event(EventType.FUNCTION_UNIT_CREATED, unit.id, created, caller)))
                .map(event -> {
                    Log.infof("function unit %s '%s' created by %s (event %s, correlation %s)", unit.id, unit.name,
                            caller.userId(), event.eventId(), caller.correlationId());
                    return mapper.view(unit, List.of());
                });
    }

    /**
     * Edits the draft: the owner or a collaborator only; attributed ({@code updatedBy}) and audited.
     *
     * @throws ProblemException 403 {@code not-owner}, 404 for an unknown unit
     */
    @WithTransaction
    public Uni<FunctionUnitView> update(UUID id, UpdateFunctionUnit request, Caller caller) {
        return editable(id, caller).flatMap(unit -> {
            unit.description = request.description();
            unit.definition = definitionText(request.definition());
            unit.updatedAt = now();
            unit.updatedBy = caller.userId();
            Log.infof("function unit %s: draft edited by %s (correlation %s)", id, caller.userId(),
                    caller.correlationId());
            return edit(unit, "edited", caller)
                    .flatMap(ignored -> FunctionUnitVersion.ofUnit(id)).map(versions -> mapper.view(unit, versions));
        });
    }

    /**
     * Replaces the collaborators of a unit: the owner only.
     *
     * @throws ProblemException 403 {@code not-owner}, 404 for an unknown unit
     */
    @WithTransaction
    public Uni<FunctionUnitView> collaborators(UUID id, List<String> userIds, Caller caller) {
        return unit(id).flatMap(unit -> {
            if (!unit.ownerId.equals(caller.userId())) {
                throw notOwner(id, "change who may edit it");
            }
            unit.collaborators = mapper.text(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                    .addAll(userIds.stream().map(String::strip).distinct().sorted()
                            .map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList()));
            unit.updatedAt = now();
            Log.infof("function unit %s: collaborators set to %s by %s (correlation %s)", id, userIds, caller.userId(),
                    caller.correlationId());
            return edit(unit, "collaborators", caller)
                    .flatMap(ignored -> FunctionUnitVersion.ofUnit(id)).map(versions -> mapper.view(unit, versions));
        });
    }

    /** The unit's audit trail of draft edits, collaborator changes and publications, newest first. */
    @WithSession
    public Uni<List<DraftEdit>> edits(UUID id) {
        return unit(id).flatMap(unit -> DraftEditEntity.of(id)).map(rows -> rows.stream().map(mapper::view).toList());
    }

    /**
     * Publishes the draft as an immutable version: the owner or a collaborator only; the step names must follow
     * {@link StepNames} (they go into events).
     *
     * @throws ProblemException 400 for invalid step names, 403 {@code not-owner}, 404, 409 {@code version-exists}
     */
    @WithTransaction
    public Uni<VersionView> publish(UUID id, PublishVersion request, Caller caller) {
        return editable(id, caller).flatMap(unit -> FunctionUnitVersion.find(id, request.version()).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("version-exists",
                        "function unit " + id + " already has version " + request.version()
                                + "; published versions are immutable, publish a new version");
            }
            JsonNode definition = mapper.tree(unit.definition);
            List<String> invalid = StepNames.problems(definition);
            if (!invalid.isEmpty()) {
                throw new ProblemException(400, "validation", "Invalid request", "the draft's step names: "
                        + String.join("; ", invalid), invalid.stream()
                        .map(p -> new io.lowcode.eventschema.runtime.problem.Problem.FieldError(
                                "definition" + p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2)))
                        .toList());
            }
            FunctionUnitVersion version = new FunctionUnitVersion();
            version.id = UUID.randomUUID();
            version.functionUnitId = id;
            version.version = request.version();
            version.changelog = request.changelog();
            version.definition = unit.definition;
            version.contentDigest = ContentDigest.of(definition);
            version.publishedAt = now();
            version.moveTo(DeploymentStatus.PUBLISHED, version.publishedAt);
            FunctionUnitPublished published = new FunctionUnitPublished(id.toString(), unit.name, version.version,
                    version.changelog, version.contentDigest, definition);
            // Flush now: a concurrent publish of the same version fails here (unique key), not at commit.
            return version.persistAndFlush()
                    .onFailure(SqlErrors::isUniqueViolation)
                    .transform(e -> ProblemException.conflict("version-exists",
                            "function unit " + id + " already has version " + request.version()))
                    .call(() -> edit(unit, "published " + version.version, caller))
                    .flatMap(ignored -> outbox.add(event(EventType.FUNCTION_UNIT_PUBLISHED, id, published, caller)))
                    .map(event -> {
                        Log.infof("function unit %s version %s published (digest %s, event %s, correlation %s)", id,
                                version.version, version.contentDigest, event.eventId(), caller.correlationId());
                        return mapper.view(version);
                    });
        }));
    }

    @WithSession
    public Uni<List<FunctionUnitView>> list() {
        return FunctionUnit.<FunctionUnit>list("order by createdAt").flatMap(units -> {
            if (units.isEmpty()) {
                return Uni.createFrom().item(List.<FunctionUnitView>of());
            }
            return FunctionUnitVersion.ofUnits(units.stream().map(u -> u.id).toList()).map(versions -> {
                Map<UUID, List<FunctionUnitVersion>> byUnit = versions.stream()
                        .collect(Collectors.groupingBy(v -> v.functionUnitId));
                return units.stream().map(u -> mapper.view(u, byUnit.getOrDefault(u.id, List.of()))).toList();
            });
        });
    }

    @WithSession
    public Uni<FunctionUnitView> get(UUID id) {
        return unit(id).flatMap(unit -> FunctionUnitVersion.ofUnit(id).map(versions -> mapper.view(unit, versions)));
    }

    /**
     * The admin center deployed a version: it is now the deployed one, any other deployed version of the
     * unit is superseded. Runs in the inbox transaction.
     */
    public Uni<Void> onDeployed(UUID unitId, String version, Instant at) {
        return FunctionUnitVersion.ofUnit(unitId).invoke(versions -> {
            FunctionUnitVersion target = versions.stream().filter(v -> v.version.equals(version)).findFirst()
                    .orElseThrow(() -> unknownVersion(unitId, version));
            versions.stream().filter(v -> v != target && v.deploymentStatus == DeploymentStatus.DEPLOYED)
                    .forEach(v -> v.moveTo(DeploymentStatus.SUPERSEDED, at));
            target.moveTo(DeploymentStatus.DEPLOYED, at);
            Log.infof("function unit %s version %s is deployed", unitId, version);
        }).replaceWithVoid();
    }

    /** The admin center retired a version. Runs in the inbox transaction. */
    public Uni<Void> onRetired(UUID unitId, String version, Instant at) {
        return FunctionUnitVersion.find(unitId, version).invoke(target -> {
            if (target == null) {
                throw unknownVersion(unitId, version);
            }
            target.moveTo(DeploymentStatus.RETIRED, at);
            Log.infof("function unit %s version %s is retired", unitId, version);
        }).replaceWithVoid();
    }

    private static io.lowcode.eventschema.runtime.messaging.PermanentEventFailure unknownVersion(UUID unitId,
            String version) {
        return new io.lowcode.eventschema.runtime.messaging.PermanentEventFailure(
                "function unit " + unitId + " has no published version " + version + " in the workstation");
    }

    /** The unit, if {@code caller} owns it or collaborates on it: 403 {@code not-owner} otherwise. */
    private Uni<FunctionUnit> editable(UUID id, Caller caller) {
        return unit(id).map(unit -> {
            if (!unit.ownerId.equals(caller.userId()) && !mapper.collaborators(unit).contains(caller.userId())) {
                Log.infof("refused %s changing function unit %s owned by %s (correlation %s)", caller.userId(), id,
                        unit.ownerId, caller.correlationId());
                throw notOwner(id, "edit or publish it");
            }
            return unit;
        });
    }

    private static ProblemException notOwner(UUID id, String what) {
        return new ProblemException(403, "not-owner", "Forbidden", "only the owner of function unit " + id
                + (what.startsWith("change") ? "" : " and its collaborators") + " may " + what, List.of());
    }

    /** Records who changed the unit, how, and the draft's digest after it. */
    private static Uni<Void> edit(FunctionUnit unit, String action, Caller caller) {
        DraftEditEntity edit = new DraftEditEntity();
        edit.functionUnitId = unit.id;
        edit.action = action;
        edit.editedBy = caller.userId();
        edit.editedAt = now();
        edit.draftDigest = ContentDigest.of(FunctionUnitMapper.parse(unit.definition));
        edit.correlationId = caller.correlationId();
        return edit.persist().replaceWithVoid();
    }

    private static Uni<FunctionUnit> unit(UUID id) {
        return FunctionUnit.<FunctionUnit>findById(id).map(unit -> {
            if (unit == null) {
                throw ProblemException.notFound("function unit", id);
            }
            return unit;
        });
    }

    private String definitionText(JsonNode definition) {
        if (definition == null || !definition.isObject()) {
            throw ProblemException.badRequest("definition", "must be a JSON object");
        }
        String text = mapper.text(definition);
        if (text.length() > MAX_DEFINITION_CHARS) {
            throw ProblemException.badRequest("definition", "is larger than " + MAX_DEFINITION_CHARS + " characters");
        }
        return text;
    }

    private static <P extends EventPayload> EventEnvelope<P> event(EventType type, UUID subject, P payload,
            Caller caller) {
        return caller.stamp(EventEnvelope.of(type, subject.toString(), payload).withSource(SourceModule.WORKSTATION));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
