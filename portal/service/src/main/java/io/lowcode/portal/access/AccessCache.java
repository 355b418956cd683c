package io.lowcode.portal.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.access.Permission;
import io.lowcode.eventschema.access.RoleCatalog;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.runtime.messaging.PermanentEventFailure;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The portal's copy of who may do what: accounts, roles and direct grants, written from user-permission-events
 * (inside the inbox transaction the consumer runs them in) and read on every request that needs a permission.
 * Effective permissions are computed on read — role grants (the shared {@link RoleCatalog}) plus direct grants —
 * so a role change or a revocation counts from the next request on, with nothing else to invalidate.
 */
@ApplicationScoped
public class AccessCache {

    /** Activates the account and creates its personal space; the user can use the portal at once. */
    public Uni<Void> onAccountCreated(EventEnvelope<?> event, UserAccountCreated created) {
        UUID userId = userId(event, created.userId());
        return AccountEntity.<AccountEntity>findById(userId).flatMap(existing -> {
            AccountEntity account = existing != null ? existing : new AccountEntity();
            account.userId = userId;
            account.username = created.username();
            account.displayName = created.displayName();
            account.email = created.email();
            account.status = "ACTIVE";
            account.activatedAt = existing != null ? existing.activatedAt : event.time();
            return account.persist()
                    .flatMap(ignored -> PersonalSpaceEntity.of(userId))
                    .flatMap(space -> space != null ? Uni.createFrom().voidItem() : personalSpace(account, event.time()))
                    .flatMap(ignored -> replaceRoles(userId, created.roles()))
                    .invoke(() -> Log.infof("activated portal account %s (%s) with roles %s (event %s, correlation %s)",
                            userId, created.username(), created.roles(), event.id(), event.correlationid()));
        });
    }

    /** Disables or re-enables the account: a disabled account's tokens are refused (see {@link PortalAccounts}). */
    public Uni<Void> onStatusChanged(EventEnvelope<?> event,
            io.lowcode.eventschema.payload.UserAccountStatusChanged changed) {
        UUID userId = userId(event, changed.userId());
        return AccountEntity.<AccountEntity>findById(userId).invoke(account -> {
            if (account == null) {
                throw new PermanentEventFailure("event " + event.id() + " changes the status of user " + userId
                        + ", whom the portal does not know");
            }
            account.status = changed.status();
            Log.infof("portal account %s is now %s (event %s, correlation %s)", userId, changed.status(), event.id(),
                    event.correlationid());
        }).replaceWithVoid();
    }

    public Uni<Void> onGranted(EventEnvelope<?> event, PermissionGranted granted) {
        UUID userId = userId(event, granted.userId());
        String permission = permission(event, granted.permission()).toString();
        return AccountPermissionEntity.count("userId = ?1 and permission = ?2", userId, permission).flatMap(n -> {
            if (n > 0) {
                return Uni.createFrom().voidItem();
            }
            AccountPermissionEntity grant = new AccountPermissionEntity();
            grant.userId = userId;
            grant.permission = permission;
            grant.grantedAt = event.time();
            return grant.persist().replaceWithVoid();
        }).invoke(() -> Log.infof("user %s may now %s (event %s, correlation %s)", userId, permission, event.id(),
                event.correlationid()));
    }

    public Uni<Void> onRevoked(EventEnvelope<?> event, PermissionRevoked revoked) {
        UUID userId = userId(event, revoked.userId());
        String permission = permission(event, revoked.permission()).toString();
        return AccountPermissionEntity.delete("userId = ?1 and permission = ?2", userId, permission)
                .invoke(n -> Log.infof("user %s may no longer %s (event %s, correlation %s)", userId, permission,
                        event.id(), event.correlationid()))
                .replaceWithVoid();
    }

    public Uni<Void> onRolesAssigned(EventEnvelope<?> event, RoleAssigned assigned) {
        UUID userId = userId(event, assigned.userId());
        return replaceRoles(userId, assigned.roles())
                .invoke(() -> Log.infof("roles of user %s are now %s (event %s, correlation %s)", userId,
                        assigned.roles(), event.id(), event.correlationid()));
    }

    /** What the user may do now: their roles' grants plus their direct grants (none for an unknown user). */
    @WithSession
    public Uni<Set<Permission>> effective(UUID userId) {
        return roles(userId).flatMap(roles -> direct(userId).map(direct -> RoleCatalog.effective(roles, direct)));
    }

    /** The account, its personal space, roles and effective permissions, if the portal knows the user. */
    @WithSession
    public Uni<Optional<Profile>> profile(UUID userId) {
        return AccountEntity.<AccountEntity>findById(userId).flatMap(account -> {
            if (account == null) {
                return Uni.createFrom().item(Optional.<Profile>empty());
            }
            return PersonalSpaceEntity.of(userId).flatMap(space -> roles(userId).flatMap(roles -> direct(userId)
                    .map(direct -> Optional.of(new Profile(account, space, roles, RoleCatalog.effective(roles, direct))))));
        });
    }

    /** What {@link #profile} returns. */
    public record Profile(AccountEntity account, PersonalSpaceEntity space, List<String> roles,
                          Set<Permission> permissions) {
    }

    private static Uni<List<String>> roles(UUID userId) {
        return AccountRoleEntity.<AccountRoleEntity>list("userId = ?1 order by role", userId)
                .map(rows -> rows.stream().map(r -> r.role).toList());
    }

    private static Uni<List<Permission>> direct(UUID userId) {
        return AccountPermissionEntity.<AccountPermissionEntity>list("userId = ?1 order by permission", userId)
                .map(rows -> rows.stream().map(r -> Permission.parse(r.permission)).toList());
    }

    private static Uni<Void> replaceRoles(UUID userId, List<String> roles) {
        return AccountRoleEntity.delete("userId", userId)
                .flatMap(ignored -> roles.isEmpty() ? Uni.createFrom().voidItem()
                        : AccountRoleEntity.persist(roles.stream().distinct().map(r -> AccountRoleEntity.of(userId, r))
                                .toList()));
    }

    private static Uni<Void> personalSpace(AccountEntity account, Instant at) {
        PersonalSpaceEntity space = new PersonalSpaceEntity();
        space.id = UUID.randomUUID();
        space.userId = account.userId;
        space.name = (account.displayName != null ? account.displayName : account.username) + "'s space";
        space.createdAt = at;
        return space.persist().replaceWithVoid();
    }

    /** Access events are about a user: the subject, a UUID; anything else can never apply. */
    private static UUID userId(EventEnvelope<?> event, String userId) {
        if (!event.subject().equals(userId)) {
            throw new PermanentEventFailure("event " + event.id() + " is about " + event.subject()
                    + " but its payload names user " + userId);
        }
        try {
            return UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            throw new PermanentEventFailure("user id '" + userId + "' of event " + event.id() + " is not a UUID");
        }
    }

    private static Permission permission(EventEnvelope<?> event, String permission) {
        try {
            return Permission.parse(permission);
        } catch (IllegalArgumentException e) {
            throw new PermanentEventFailure("permission '" + permission + "' of event " + event.id() + " "
                    + e.getMessage());
        }
    }
}
