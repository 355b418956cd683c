package io.lowcode.portal.ops;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.portal.access.AccountEntity;
import io.lowcode.portal.access.AccountPermissionEntity;
import io.lowcode.portal.access.AccountRoleEntity;
import io.lowcode.portal.api.ReadModelAccount;
import io.lowcode.portal.api.ReadModelAccountPage;
import io.lowcode.portal.api.ReadModelFunction;
import io.lowcode.portal.api.ReadModelFunctionPage;
import io.lowcode.portal.function.AvailableFunctionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The portal's read models as they are, page by page in id order (keyset: a page never shifts while rows are
 * added), for the admin center's reconciliation: it compares them with its own state and repairs drift through
 * events. Three queries per account page, one per function page, whatever the page size.
 */
@ApplicationScoped
public class ReadModelSnapshot {

    @WithSession
    public Uni<ReadModelAccountPage> accounts(UUID after, int size) {
        var query = after == null ? AccountEntity.<AccountEntity>findAll(Sort.by("userId"))
                : AccountEntity.<AccountEntity>find("userId > ?1", Sort.by("userId"), after);
        return query.page(Page.ofSize(size + 1)).list().flatMap(found -> {
            List<AccountEntity> accounts = found.subList(0, Math.min(size, found.size()));
            if (accounts.isEmpty()) {
                return Uni.createFrom().item(new ReadModelAccountPage(List.of(), null));
            }
            List<UUID> ids = accounts.stream().map(a -> a.userId).toList();
            return AccountRoleEntity.<AccountRoleEntity>list("userId in ?1 order by role", ids).flatMap(roles ->
                    AccountPermissionEntity.<AccountPermissionEntity>list("userId in ?1 order by permission", ids)
                            .map(grants -> {
                                Map<UUID, List<String>> rolesOf = roles.stream().collect(Collectors.groupingBy(
                                        r -> r.userId, Collectors.mapping(r -> r.role, Collectors.toList())));
                                Map<UUID, List<String>> grantsOf = grants.stream().collect(Collectors.groupingBy(
                                        g -> g.userId, Collectors.mapping(g -> g.permission, Collectors.toList())));
                                List<ReadModelAccount> items = accounts.stream().map(a -> new ReadModelAccount(a.userId,
                                        a.status, rolesOf.getOrDefault(a.userId, List.of()),
                                        grantsOf.getOrDefault(a.userId, List.of()))).toList();
                                return new ReadModelAccountPage(items, next(found.size() > size, ids));
                            }));
        });
    }

    @WithSession
    public Uni<ReadModelFunctionPage> functions(UUID after, int size) {
        var query = after == null ? AvailableFunctionEntity.<AvailableFunctionEntity>findAll(Sort.by("functionUnitId"))
                : AvailableFunctionEntity.<AvailableFunctionEntity>find("functionUnitId > ?1", Sort.by("functionUnitId"),
                        after);
        return query.page(Page.ofSize(size + 1)).list().map(found -> {
            List<AvailableFunctionEntity> functions = found.subList(0, Math.min(size, found.size()));
            List<ReadModelFunction> items = functions.stream()
                    .map(f -> new ReadModelFunction(f.functionUnitId.toString(), f.version, f.deploymentId)).toList();
            return new ReadModelFunctionPage(items,
                    next(found.size() > size, functions.stream().map(f -> f.functionUnitId).toList()));
        });
    }

    private static UUID next(boolean more, List<UUID> ids) {
        return more ? ids.get(ids.size() - 1) : null;
    }
}
