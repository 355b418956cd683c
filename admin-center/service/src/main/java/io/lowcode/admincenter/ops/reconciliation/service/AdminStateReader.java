package io.lowcode.admincenter.ops.reconciliation.service;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.access.persistence.UserAccountEntity;
import io.lowcode.admincenter.access.persistence.UserPermissionEntity;
import io.lowcode.admincenter.access.persistence.UserRoleEntity;
import io.lowcode.admincenter.functionunit.persistence.DeploymentEntity;
import io.lowcode.admincenter.functionunit.service.DeploymentService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The admin center's state that the portal mirrors, read in four queries whatever the number of users. */
@ApplicationScoped
public class AdminStateReader {

    @WithSession
    public Uni<AdminState> read() {
        return UserAccountEntity.<UserAccountEntity>listAll().flatMap(accounts ->
                UserRoleEntity.<UserRoleEntity>listAll().flatMap(roles ->
                        UserPermissionEntity.<UserPermissionEntity>listAll().flatMap(grants ->
                                DeploymentEntity.<DeploymentEntity>list("environment = ?1 and supersededAt is null "
                                        + "and retiredAt is null", DeploymentService.ENVIRONMENT).map(deployments -> {
                                    Map<UUID, Set<String>> rolesOf = roles.stream().collect(Collectors.groupingBy(
                                            r -> r.userId, Collectors.mapping(r -> r.role, Collectors.toSet())));
                                    Map<UUID, Set<String>> grantsOf = grants.stream().collect(Collectors.groupingBy(
                                            g -> g.userId, Collectors.mapping(g -> g.permission().toString(),
                                                    Collectors.toSet())));
                                    Map<UUID, AdminState.Account> byUser = new HashMap<>();
                                    for (UserAccountEntity a : accounts) {
                                        byUser.put(a.userId, new AdminState.Account(
                                                UserAccountEntity.ACTIVE.equals(a.status),
                                                new HashSet<>(rolesOf.getOrDefault(a.userId, Set.of())),
                                                new HashSet<>(grantsOf.getOrDefault(a.userId, Set.of()))));
                                    }
                                    Map<String, AdminState.Deployed> live = new HashMap<>();
                                    for (DeploymentEntity d : deployments) {
                                        live.put(d.functionUnitId.toLowerCase(Locale.ROOT),
                                                new AdminState.Deployed(d.version, d.id.toString()));
                                    }
                                    return new AdminState(byUser, live);
                                }))));
    }
}
