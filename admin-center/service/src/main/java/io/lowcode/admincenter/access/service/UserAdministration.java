package io.lowcode.admincenter.access.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.access.persistence.UserAccountEntity;
import io.lowcode.admincenter.access.persistence.UserPermissionEntity;
import io.lowcode.admincenter.access.persistence.UserRoleEntity;
import io.lowcode.admincenter.api.CreateUser;
import io.lowcode.admincenter.api.GrantedPermission;
import io.lowcode.admincenter.api.UserRoles;
import io.lowcode.admincenter.api.UserView;
import io.lowcode.admincenter.audit.service.AuditLog;
import io.lowcode.admincenter.notification.service.NotificationRequests;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.access.Permission;
import io.lowcode.eventschema.access.RoleCatalog;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.runtime.configuration.ManagedKeys;
import io.lowcode.eventschema.runtime.configuration.ManagedParameters;
import io.lowcode.eventschema.payload.UserAccountStatusChanged;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.persistence.SqlErrors;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Accounts, roles and directly granted permissions. Each change is one transaction: the rows, the audit entry and
 * the event (key = user id) in the outbox; a new account also gets its welcome notification there. The account row
 * is locked first, so one user's changes commit — and their events leave — in the order they were made.
 */
@ApplicationScoped
public class UserAdministration {

    private final Outbox outbox;
    private final AuditLog audit;
    private final NotificationRequests notifications;
    private final ManagedParameters managed;

    public UserAdministration(Outbox outbox, AuditLog audit, NotificationRequests notifications,
            ManagedParameters managed) {
        this.outbox = outbox;
        this.audit = audit;
        this.notifications = notifications;
        this.managed = managed;
    }

    /**
     * Creates an account with an already hashed password.
     *
     * @throws ProblemException 404 for an unknown role, 409 {@code username-taken}
     */
    @WithTransaction
    public Uni<UserView> create(CreateUser request, String passwordHash, Caller caller) {
        List<String> roles = knownRoles(request.roles() == null || request.roles().isEmpty()
                ? List.of(Roles.USER) : request.roles());
        String username = request.username().toLowerCase(Locale.ROOT);
        Instant now = now();
        UserAccountEntity account = new UserAccountEntity();
        account.userId = UUID.randomUUID();
        account.username = username;
        account.displayName = blankToNull(request.displayName());
        account.email = request.email().strip();
        account.passwordHash = passwordHash;
        account.status = UserAccountEntity.ACTIVE;
        account.createdAt = now;
        account.createdBy = caller.userId();
        account.updatedAt = now;
        EventEnvelope<UserAccountCreated> event = event(EventType.USER_ACCOUNT_CREATED, account.userId,
                new UserAccountCreated(account.userId.toString(), username, account.displayName, account.email, roles),
                caller, now);
        // Flush now: a concurrent create of the same username fails here (unique key), not at commit.
        return account.persistAndFlush()
                .onFailure(SqlErrors::isUniqueViolation)
                .transform(e -> ProblemException.conflict("username-taken", "username '" + username + "' is taken"))
                .flatMap(ignored -> UserRoleEntity.persist(roles.stream()
                        .map(r -> UserRoleEntity.of(account.userId, r, now, caller.userId())).toList()))
                .call(() -> audit.record(event, caller.userId(), "account '" + username + "' created with roles " + roles,
                        AuditLog.details("userId", account.userId.toString(), "username", username, "roles", roles)))
                .flatMap(ignored -> outbox.add(event))
                .call(() -> notifications.accountCreated(account.userId.toString(), username, caller))
                .map(pending -> {
                    Log.infof("created account %s (%s) with roles %s by %s (event %s, correlation %s)", account.userId,
                            username, roles, caller.userId(), event.id(), caller.correlationId());
                    return view(account, roles, List.of());
                });
    }

    /** Creates the account unless its username exists (then {@code null}); for the bootstrap admin. */
    @WithTransaction
    public Uni<UserView> createIfAbsent(CreateUser request, String passwordHash, Caller caller) {
        return UserAccountEntity.byUsername(request.username().toLowerCase(Locale.ROOT))
                .flatMap(existing -> existing != null ? Uni.createFrom().<UserView>nullItem()
                        : create(request, passwordHash, caller));
    }

    /** Every account, sorted by username: three queries, whatever the number of users. */
    @WithSession
    public Uni<List<UserView>> list() {
        return UserAccountEntity.<UserAccountEntity>list("order by username").flatMap(accounts ->
                UserRoleEntity.<UserRoleEntity>list("order by role").flatMap(roles ->
                        UserPermissionEntity.<UserPermissionEntity>listAll().map(grants -> {
                            Map<UUID, List<String>> rolesByUser = roles.stream().collect(Collectors.groupingBy(
                                    r -> r.userId, Collectors.mapping(r -> r.role, Collectors.toList())));
                            Map<UUID, List<String>> grantsByUser = grants.stream().collect(Collectors.groupingBy(
                                    g -> g.userId, Collectors.mapping(g -> g.permission().toString(),
                                            Collectors.collectingAndThen(Collectors.toList(),
                                                    l -> l.stream().sorted().toList()))));
                            return accounts.stream().map(a -> view(a, rolesByUser.getOrDefault(a.userId, List.of()),
                                    grantsByUser.getOrDefault(a.userId, List.of()))).toList();
                        })));
    }

    /** @throws ProblemException 404 for an unknown user */
    @WithSession
    public Uni<UserView> get(String userId) {
        return account(userId, false).flatMap(this::view);
    }

    /**
     * Grants {@code permission} to the user.
     *
     * @throws ProblemException 400 for a malformed permission, 404 for an unknown user, 409 {@code already-granted},
     *                          409 {@code direct-grant-limit} when the user has the managed configuration's
     *                          {@code access.max-direct-grants-per-user} direct grants already
     */
    @WithTransaction
    public Uni<GrantedPermission> grant(String userId, String permissionText, Caller caller) {
        Permission permission = parse(permissionText);
        int limit = managed.integer(ManagedKeys.MAX_DIRECT_GRANTS, Integer.MAX_VALUE);
        return account(userId, true).flatMap(account -> UserPermissionEntity.find(account.userId, permission)
                .flatMap(existing -> UserPermissionEntity.count("userId", account.userId).map(held -> {
                    if (existing == null && held >= limit) {
                        throw ProblemException.conflict("direct-grant-limit", "user " + userId + " has " + held
                                + " direct grants, the limit (" + ManagedKeys.MAX_DIRECT_GRANTS + ") is " + limit
                                + ": grant a role instead, or revoke grants first");
                    }
                    return existing;
                }))
                .flatMap(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("already-granted",
                                "user " + userId + " already has the permission " + permission);
                    }
                    Instant now = now();
                    UserPermissionEntity grant = UserPermissionEntity.of(account.userId, permission, now, caller.userId());
                    EventEnvelope<PermissionGranted> event = event(EventType.PERMISSION_GRANTED, account.userId,
                            new PermissionGranted(account.userId.toString(), permission.toString(), caller.userId()),
                            caller, now);
                    return grant.persist()
                            .call(() -> audit.record(event, caller.userId(), "permission " + permission + " granted to '"
                                    + account.username + "'", AuditLog.details("userId", userId, "permission",
                                    permission.toString())))
                            .flatMap(ignored -> outbox.add(event))
                            .map(pending -> {
                                Log.infof("granted %s to user %s by %s (event %s, correlation %s)", permission, userId,
                                        caller.userId(), event.id(), caller.correlationId());
                                return new GrantedPermission(userId, permission.toString(), now, caller.userId());
                            });
                }));
    }

    /**
     * Revokes a permission granted directly.
     *
     * @throws ProblemException 400 for a malformed permission, 404 for an unknown user or a permission not granted
     */
    @WithTransaction
    public Uni<Void> revoke(String userId, String permissionText, Caller caller) {
        Permission permission = parse(permissionText);
        return account(userId, true).flatMap(account -> UserPermissionEntity.find(account.userId, permission)
                .flatMap(grant -> {
                    if (grant == null) {
                        throw new ProblemException(404, "not-found", "Not found", "user " + userId
                                + " has no directly granted permission " + permission, List.of());
                    }
                    Instant now = now();
                    EventEnvelope<PermissionRevoked> event = event(EventType.PERMISSION_REVOKED, account.userId,
                            new PermissionRevoked(account.userId.toString(), permission.toString(), caller.userId()),
                            caller, now);
                    return grant.delete()
                            .call(() -> audit.record(event, caller.userId(), "permission " + permission
                                    + " revoked from '" + account.username + "'", AuditLog.details("userId", userId,
                                    "permission", permission.toString())))
                            .flatMap(ignored -> outbox.add(event))
                            .map(pending -> {
                                Log.infof("revoked %s from user %s by %s (event %s, correlation %s)", permission, userId,
                                        caller.userId(), event.id(), caller.correlationId());
                                return (Void) null;
                            });
                }));
    }

    /**
     * Replaces the user's roles.
     *
     * @throws ProblemException 404 for an unknown user or role
     */
    @WithTransaction
    public Uni<UserRoles> assignRoles(String userId, List<String> requested, Caller caller) {
        List<String> roles = knownRoles(requested);
        return account(userId, true).flatMap(account -> UserRoleEntity.<UserRoleEntity>list("userId", account.userId)
                .call(current -> guardAdmins(account, current.stream().anyMatch(r -> Roles.ADMIN.equals(r.role))
                        && !roles.contains(Roles.ADMIN), caller, "drop the admin role of"))
                .flatMap(current -> {
            List<String> previous = current.stream().map(r -> r.role).sorted().toList();
            Instant now = now();
            account.updatedAt = now;
            EventEnvelope<RoleAssigned> event = event(EventType.ROLE_ASSIGNED, account.userId,
                    new RoleAssigned(account.userId.toString(), roles, previous, caller.userId()), caller, now);
            List<String> dropped = previous.stream().filter(r -> !roles.contains(r)).toList();
            List<UserRoleEntity> added = roles.stream().filter(r -> !previous.contains(r))
                    .map(r -> UserRoleEntity.of(account.userId, r, now, caller.userId())).toList();
            Uni<Void> drop = dropped.isEmpty() ? Uni.createFrom().voidItem()
                    : UserRoleEntity.delete("userId = ?1 and role in ?2", account.userId, dropped).replaceWithVoid();
            return drop
                    .flatMap(ignored -> added.isEmpty() ? Uni.createFrom().voidItem() : UserRoleEntity.persist(added))
                    .call(() -> audit.record(event, caller.userId(), "roles of '" + account.username + "' changed from "
                            + previous + " to " + roles, AuditLog.details("userId", userId, "roles", roles,
                            "previousRoles", previous)))
                    .flatMap(ignored -> outbox.add(event))
                    .map(pending -> {
                        Log.infof("roles of user %s set to %s (were %s) by %s (event %s, correlation %s)", userId,
                                roles, previous, caller.userId(), event.id(), caller.correlationId());
                        return new UserRoles(userId, roles);
                    });
        }));
    }

    /**
     * Disables or re-enables an account and announces it ({@code user.account-status-changed}): a disabled account
     * cannot log in, and every service refuses its tokens once it applied the event (the admin center at once).
     *
     * @throws ProblemException 404 for an unknown user; 409 {@code own-account} for one's own, {@code last-admin} for
     *                          the last active admin
     */
    @WithTransaction
    public Uni<UserView> setStatus(String userId, String status, String reason, Caller caller) {
        return account(userId, true).flatMap(account -> {
            if (account.status.equals(status)) {
                return view(account);
            }
            boolean disabling = UserAccountEntity.DISABLED.equals(status);
            return UserRoleEntity.of(account.userId)
                    .call(roles -> disabling ? guardAdmins(account, roles.contains(Roles.ADMIN), caller, "disable")
                            : Uni.createFrom().voidItem())
                    .call(roles -> disabling && account.userId.toString().equals(caller.userId())
                            ? Uni.createFrom().failure(ProblemException.conflict("own-account",
                                    "an administrator cannot disable their own account"))
                            : Uni.createFrom().voidItem())
                    .flatMap(roles -> {
                        Instant now = now();
                        account.status = status;
                        account.updatedAt = now;
                        EventEnvelope<UserAccountStatusChanged> event = event(EventType.USER_ACCOUNT_STATUS_CHANGED,
                                account.userId, new UserAccountStatusChanged(account.userId.toString(), status,
                                        caller.userId(), blankToNull(reason)), caller, now);
                        return audit.record(event, caller.userId(), "account '" + account.username + "' is now " + status,
                                        AuditLog.details("userId", userId, "status", status, "reason", blankToNull(reason)))
                                .flatMap(ignored -> outbox.add(event))
                                .flatMap(pending -> view(account).map(view -> {
                                    Log.infof("account %s (%s) is now %s by %s (event %s, correlation %s)", userId,
                                            account.username, status, caller.userId(), event.id(), caller.correlationId());
                                    return view;
                                }));
                    });
        });
    }

    /**
     * Sets the password of {@code userId} to {@code passwordHash} (already hashed); tokens issued before are refused
     * by the admin center from now on. Audited; no event (nothing outside the admin center keeps passwords).
     *
     * @param self whether the caller changes their own password (else an admin resets another's)
     * @throws ProblemException 404 for an unknown user
     */
    @WithTransaction
    public Uni<Void> setPassword(String userId, String passwordHash, boolean self, Caller caller) {
        return account(userId, true).flatMap(account -> {
            Instant now = now();
            account.passwordHash = passwordHash;
            account.tokenGeneration++;
            account.updatedAt = now;
            String what = self ? "user.password-changed" : "user.password-reset";
            return audit.recordAction(what, userId, caller, self ? "'" + account.username + "' changed their password"
                            : "password of '" + account.username + "' reset by an administrator",
                            AuditLog.details("userId", userId))
                    .invoke(() -> Log.infof("%s for user %s by %s (correlation %s); older tokens are refused", what,
                            userId, caller.userId(), caller.correlationId()));
        });
    }

    /** The account's password hash and status, for checking a password change (404 when unknown). */
    @WithSession
    public Uni<UserAccountEntity> credentials(String userId) {
        return account(userId, false);
    }

    /**
     * Refuses a change that would take the admin role from the caller themself or from the last active admin: the
     * platform must keep someone who can hand out roles, and an admin cannot lock themself out by mistake.
     */
    private static Uni<Void> guardAdmins(UserAccountEntity account, boolean losesAdmin, Caller caller, String what) {
        if (!losesAdmin) {
            return Uni.createFrom().voidItem();
        }
        boolean self = account.userId.toString().equals(caller.userId());
        Uni<Long> admins = self ? Uni.createFrom().item(Long.MAX_VALUE) : UserRoleEntity.activeAdmins();
        return admins.map(count -> {
            refusal(self, count, account.username, what).ifPresent(problem -> {
                throw problem;
            });
            return null;
        });
    }

    /** Why taking the admin role away (or disabling) must be refused, if it must. */
    static java.util.Optional<ProblemException> refusal(boolean self, long activeAdmins, String username, String what) {
        if (self) {
            return java.util.Optional.of(ProblemException.conflict("own-admin-role",
                    "an administrator cannot " + what + " themself; another administrator can"));
        }
        if (activeAdmins <= 1) {
            return java.util.Optional.of(ProblemException.conflict("last-admin", "'" + username
                    + "' is the last active administrator; make another one first"));
        }
        return java.util.Optional.empty();
    }

    /** The account, 404 when unknown or not a UUID; locked for the transaction when {@code lock}. */
    private static Uni<UserAccountEntity> account(String userId, boolean lock) {
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException notAUuid) {
            throw ProblemException.notFound("user", userId);
        }
        Uni<UserAccountEntity> found = lock ? UserAccountEntity.lock(id) : UserAccountEntity.findById(id);
        return found.map(account -> {
            if (account == null) {
                throw ProblemException.notFound("user", userId);
            }
            return account;
        });
    }

    private Uni<UserView> view(UserAccountEntity account) {
        return UserRoleEntity.of(account.userId)
                .flatMap(roles -> UserPermissionEntity.of(account.userId).map(perms -> view(account, roles, perms)));
    }

    private static UserView view(UserAccountEntity account, List<String> roles, List<String> permissions) {
        return new UserView(account.userId.toString(), account.username, account.displayName, account.email,
                account.status, List.copyOf(new TreeSet<>(roles)), permissions, account.createdAt);
    }

    /** The roles, sorted and without repeats; 404 naming the first the catalog does not know. */
    static List<String> knownRoles(List<String> roles) {
        TreeSet<String> known = new TreeSet<>();
        for (String role : roles) {
            String name = role.strip();
            if (RoleCatalog.find(name).isEmpty()) {
                throw new ProblemException(404, "not-found", "Not found", "role '" + name + "' does not exist "
                        + "(GET /api/v1/roles lists the roles)", List.of());
            }
            known.add(name);
        }
        return new ArrayList<>(known);
    }

    private static Permission parse(String text) {
        try {
            return Permission.parse(text);
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.badRequest("permission", malformed.getMessage());
        }
    }

    private static <P extends EventPayload> EventEnvelope<P> event(EventType type, UUID userId, P payload, Caller caller,
            Instant now) {
        return caller.stamp(EventEnvelope.of(type, userId.toString(), payload).withSource(SourceModule.ADMIN_CENTER))
                .withTime(now);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Microseconds, as PostgreSQL keeps them. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
