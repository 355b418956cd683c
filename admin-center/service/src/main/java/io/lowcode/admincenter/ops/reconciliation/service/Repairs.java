package io.lowcode.admincenter.ops.reconciliation.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lowcode.admincenter.access.persistence.UserAccountEntity;
import io.lowcode.admincenter.access.persistence.UserPermissionEntity;
import io.lowcode.admincenter.access.persistence.UserRoleEntity;
import io.lowcode.admincenter.audit.service.AuditLog;
import io.lowcode.admincenter.functionunit.persistence.DeploymentEntity;
import io.lowcode.admincenter.functionunit.persistence.FunctionUnitEntity;
import io.lowcode.admincenter.functionunit.service.DeploymentService;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.access.Permission;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Operation;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Repairs one drift through an event that re-states the admin center's CURRENT state of the object (operation
 * {@code RECONCILE}), in its own transaction: the object's row is locked first, as every change of it does, so the
 * repair is ordered with concurrent changes and never re-states something an admin changed since the comparison (then
 * there is nothing to repair). The event goes through the outbox with an audit entry; no notification is requested —
 * people were told when the change was made.
 */
@ApplicationScoped
public class Repairs {

    /** The event that repaired a drift. */
    public record Repaired(String eventType, String eventId) {
    }

    private final Outbox outbox;
    private final AuditLog audit;

    public Repairs(Outbox outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** @return the repair event, or {@code null} when there is nothing to repair (any more) */
    @WithTransaction
    public Uni<Repaired> repair(Drift drift, PortalState portal, Caller caller) {
        return switch (drift.kind()) {
            case ACCOUNT_UNKNOWN -> Uni.createFrom().nullItem();
            case ACCOUNT_MISSING, ROLES_DIFFER -> account(drift, portal, caller);
            case PERMISSION_MISSING, PERMISSION_EXTRA -> permission(drift, caller);
            case FUNCTION_MISSING, FUNCTION_VERSION_DIFFERS, FUNCTION_EXTRA -> function(drift, portal, caller);
        };
    }

    private Uni<Repaired> account(Drift drift, PortalState portal, Caller caller) {
        UUID userId = UUID.fromString(drift.subject());
        return UserAccountEntity.lock(userId).flatMap(account -> {
            if (account == null || !UserAccountEntity.ACTIVE.equals(account.status)) {
                return Uni.createFrom().nullItem();
            }
            return UserRoleEntity.of(userId).flatMap(roles -> {
                List<String> sorted = roles.stream().sorted().toList();
                if (drift.kind() == Drift.Kind.ACCOUNT_MISSING) {
                    return emit(EventType.USER_ACCOUNT_CREATED, drift, new UserAccountCreated(drift.subject(),
                            account.username, account.displayName, account.email, sorted), caller,
                            "account '" + account.username + "' re-announced with roles " + sorted);
                }
                PortalState.PortalAccount seen = portal.accounts().get(userId);
                List<String> previous = seen == null ? List.of() : AdminState.sorted(seen.roles());
                return emit(EventType.ROLE_ASSIGNED, drift, new RoleAssigned(drift.subject(), sorted, previous,
                        caller.userId()), caller, "roles of '" + account.username + "' re-stated as " + sorted);
            });
        });
    }

    private Uni<Repaired> permission(Drift drift, Caller caller) {
        UUID userId = UUID.fromString(drift.subject());
        Permission permission = Permission.parse(drift.permission());
        return UserAccountEntity.lock(userId).flatMap(account -> account == null ? Uni.createFrom().nullItem()
                : UserPermissionEntity.find(userId, permission).flatMap(grant -> {
                    if (drift.kind() == Drift.Kind.PERMISSION_MISSING && grant != null) {
                        return emit(EventType.PERMISSION_GRANTED, drift, new PermissionGranted(drift.subject(),
                                permission.toString(), grant.grantedBy), caller, "permission " + permission
                                + " of '" + account.username + "' re-granted");
                    }
                    if (drift.kind() == Drift.Kind.PERMISSION_EXTRA && grant == null) {
                        return emit(EventType.PERMISSION_REVOKED, drift, new PermissionRevoked(drift.subject(),
                                permission.toString(), caller.userId()), caller, "permission " + permission
                                + " of '" + account.username + "' re-revoked");
                    }
                    return Uni.createFrom().<Repaired>nullItem(); // changed since the comparison: nothing to repair
                }));
    }

    private Uni<Repaired> function(Drift drift, PortalState portal, Caller caller) {
        String unitId = drift.subject();
        return FunctionUnitEntity.<FunctionUnitEntity>findById(unitId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(unit -> DeploymentEntity.current(unitId, DeploymentService.ENVIRONMENT).flatMap(current -> {
                    String name = unit != null ? unit.name : unitId;
                    if (current != null) {
                        // with the approved digest: the portal runs the version only when its definition has it
                        return io.lowcode.admincenter.functionunit.persistence.FunctionUnitVersionEntity
                                .find(unitId, current.version).flatMap(approved -> emit(EventType.FUNCTION_UNIT_DEPLOYED,
                                        drift, new FunctionUnitDeployed(unitId, name, current.version,
                                                current.environment, current.deployedBy, current.id.toString(),
                                                approved != null ? approved.contentDigest : null), caller,
                                        "deployment of version " + current.version + " of '" + name + "' re-announced"));
                    }
                    String offered = portal.functionVersions().get(unitId);
                    if (offered != null) {
                        return emit(EventType.FUNCTION_UNIT_RETIRED, drift, new FunctionUnitRetired(unitId, name, offered,
                                "reconciliation: no deployment of it in the admin center", caller.userId()), caller,
                                "version " + offered + " of '" + name + "' retired from the portal: not deployed");
                    }
                    return Uni.createFrom().<Repaired>nullItem();
                }));
    }

    private <P extends EventPayload> Uni<Repaired> emit(EventType type, Drift drift, P payload, Caller caller,
            String summary) {
        EventEnvelope<P> event = EventEnvelope.of(type, drift.subject(), payload)
                .withSource(SourceModule.ADMIN_CENTER)
                .withOperation(Operation.RECONCILE)
                .withCorrelationId(caller.correlationId())
                .withUserId(caller.userId());
        return audit.record(event, caller.userId(), "reconciliation: " + summary, AuditLog.details("drift",
                        drift.kind().name(), "readModel", drift.kind().readModel(), "detail", drift.detail(),
                        "reconciliation", caller.correlationId()))
                .flatMap(ignored -> outbox.add(event))
                .replaceWith(new Repaired(type.type(), event.id()));
    }
}
