package io.lowcode.admincenter.functionunit.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lowcode.admincenter.api.Deployment;
import io.lowcode.admincenter.api.FunctionUnitStatus;
import io.lowcode.admincenter.api.Retirement;
import io.lowcode.admincenter.api.VersionState;
import io.lowcode.admincenter.audit.service.AuditLog;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.admincenter.functionunit.persistence.DeploymentEntity;
import io.lowcode.admincenter.functionunit.persistence.FunctionUnitEntity;
import io.lowcode.admincenter.functionunit.persistence.FunctionUnitVersionEntity;
import io.lowcode.admincenter.notification.service.NotificationRequests;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Admins deploy published versions to production and retire them. Each action is one transaction: the state
 * change, its audit entry and its event in the outbox commit together (the caller publishes the event after).
 * The unit's row is locked for the duration, so actions and consumed events on one unit never interleave. The unit's
 * users (who may execute it) are notified in the same transaction.
 */
@ApplicationScoped
public class DeploymentService {

    /** The one environment there is for now. */
    public static final String ENVIRONMENT = "production";

    private final Outbox outbox;
    private final AuditLog audit;
    private final NotificationRequests notifications;

    public DeploymentService(Outbox outbox, AuditLog audit, NotificationRequests notifications) {
        this.outbox = outbox;
        this.audit = audit;
        this.notifications = notifications;
    }

    /**
     * Deploys {@code version} of the unit to production; a version deployed before is superseded.
     *
     * @throws ProblemException 404 for an unknown unit; 409 {@code version-not-published} for a version the
     *                          workstation never published, {@code already-deployed} for the live one
     */
    @WithTransaction
    public Uni<Deployment> deploy(String functionUnitId, String version, Caller caller) {
        return lockUnit(functionUnitId)
                .flatMap(unit -> FunctionUnitVersionEntity.find(functionUnitId, version).flatMap(published -> {
                    if (published == null) {
                        throw ProblemException.conflict("version-not-published", "version " + version
                                + " of function unit " + functionUnitId + " was never published");
                    }
                    if (published.state == VersionState.DEPLOYED) {
                        throw ProblemException.conflict("already-deployed", "version " + version
                                + " of function unit " + functionUnitId + " is already deployed to " + ENVIRONMENT);
                    }
                    Instant now = now();
                    return supersedeCurrent(functionUnitId, now)
                            .flatMap(ignored -> recordDeployment(unit, published, caller, now));
                }));
    }

    private Uni<Deployment> recordDeployment(FunctionUnitEntity unit, FunctionUnitVersionEntity published, Caller caller,
            Instant now) {
        DeploymentEntity deployment = new DeploymentEntity();
        deployment.id = UUID.randomUUID();
        deployment.functionUnitId = unit.functionUnitId;
        deployment.version = published.version;
        deployment.environment = ENVIRONMENT;
        deployment.deployedBy = caller.userId();
        deployment.deployedAt = now;
        published.state = VersionState.DEPLOYED;
        unit.status = FunctionUnitStatus.DEPLOYED;
        unit.deployedVersion = published.version;
        unit.updatedAt = now;
        EventEnvelope<FunctionUnitDeployed> event = caller.stamp(EventEnvelope.of(EventType.FUNCTION_UNIT_DEPLOYED,
                unit.functionUnitId, new FunctionUnitDeployed(unit.functionUnitId, unit.name, published.version,
                        ENVIRONMENT, caller.userId(), deployment.id.toString(), published.contentDigest))
                .withSource(SourceModule.ADMIN_CENTER))
                .withTime(now);
        return deployment.persist()
                .call(() -> audit.record(event, caller.userId(),
                        "version " + published.version + " of function unit '" + unit.name + "' deployed to " + ENVIRONMENT,
                        AuditLog.details("version", published.version, "environment", ENVIRONMENT,
                                "deploymentId", deployment.id.toString(), "contentDigest", published.contentDigest)))
                .flatMap(ignored -> outbox.add(event))
                .call(() -> notifications.functionUnitDeployed(unit.functionUnitId, unit.name, published.version,
                        ENVIRONMENT, caller))
                .map(pending -> {
                    Log.infof("deployed version %s of function unit %s to %s as %s by %s (event %s, correlation %s)",
                            published.version, unit.functionUnitId, ENVIRONMENT, deployment.id, caller.userId(),
                            event.id(), caller.correlationId());
                    return FunctionUnitViews.deployment(deployment);
                });
    }

    /** Marks the live deployment (if any) and its version superseded, and flushes before the new one is inserted. */
    private static Uni<Void> supersedeCurrent(String functionUnitId, Instant now) {
        return DeploymentEntity.current(functionUnitId, ENVIRONMENT).flatMap(current -> {
            if (current == null) {
                return Uni.createFrom().voidItem();
            }
            current.supersededAt = now;
            return FunctionUnitVersionEntity.find(functionUnitId, current.version)
                    .invoke(version -> version.state = VersionState.SUPERSEDED)
                    // the partial unique index allows one live deployment: update the old one before inserting
                    .call(ignored -> Panache.flush())
                    .replaceWithVoid();
        });
    }

    /**
     * Retires the unit's deployed version.
     *
     * @throws ProblemException 404 for an unknown unit, 409 {@code not-deployed} when nothing is deployed
     */
    @WithTransaction
    public Uni<Retirement> retire(String functionUnitId, String reason, Caller caller) {
        return lockUnit(functionUnitId)
                .flatMap(unit -> DeploymentEntity.current(functionUnitId, ENVIRONMENT).flatMap(deployment -> {
                    if (deployment == null) {
                        throw ProblemException.conflict("not-deployed", "function unit " + functionUnitId
                                + " has no version deployed to " + ENVIRONMENT);
                    }
                    Instant now = now();
                    deployment.retiredAt = now;
                    deployment.retiredBy = caller.userId();
                    deployment.retirementReason = reason;
                    unit.status = FunctionUnitStatus.RETIRED;
                    unit.deployedVersion = null;
                    unit.updatedAt = now;
                    EventEnvelope<FunctionUnitRetired> event = caller.stamp(EventEnvelope.of(
                            EventType.FUNCTION_UNIT_RETIRED, functionUnitId, new FunctionUnitRetired(functionUnitId,
                                    unit.name, deployment.version, reason, caller.userId()))
                            .withSource(SourceModule.ADMIN_CENTER))
                            .withTime(now);
                    return FunctionUnitVersionEntity.find(functionUnitId, deployment.version)
                            .invoke(version -> version.state = VersionState.RETIRED)
                            .call(() -> audit.record(event, caller.userId(), "version " + deployment.version
                                    + " of function unit '" + unit.name + "' retired from " + ENVIRONMENT,
                                    AuditLog.details("version", deployment.version, "reason", reason,
                                            "deploymentId", deployment.id.toString())))
                            .flatMap(ignored -> outbox.add(event))
                            .call(() -> notifications.functionUnitRetired(functionUnitId, unit.name, deployment.version,
                                    reason, caller))
                            .map(pending -> {
                                Log.infof("retired version %s of function unit %s from %s by %s (event %s, correlation %s)",
                                        deployment.version, functionUnitId, ENVIRONMENT, caller.userId(), event.id(),
                                        caller.correlationId());
                                return FunctionUnitViews.retirement(deployment);
                            });
                }));
    }

    /** One deployment of a unit. */
    @WithSession
    public Uni<Deployment> deployment(String functionUnitId, UUID deploymentId) {
        return DeploymentEntity.<DeploymentEntity>findById(deploymentId).map(deployment -> {
            if (deployment == null || !deployment.functionUnitId.equals(functionUnitId)) {
                throw ProblemException.notFound("deployment", deploymentId);
            }
            return FunctionUnitViews.deployment(deployment);
        });
    }

    private static Uni<FunctionUnitEntity> lockUnit(String functionUnitId) {
        return FunctionUnitEntity.<FunctionUnitEntity>findById(functionUnitId, LockModeType.PESSIMISTIC_WRITE)
                .map(unit -> {
                    if (unit == null) {
                        throw ProblemException.notFound("function unit", functionUnitId);
                    }
                    return unit;
                });
    }

    /** Microseconds, as PostgreSQL keeps them, so the answer equals what a later read returns. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
