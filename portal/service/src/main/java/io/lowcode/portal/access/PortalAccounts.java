package io.lowcode.portal.access;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.security.CurrentAccounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The portal's accounts, as {@code user-permission-events} made them, for requests to act with the caller's current
 * roles and for disabled accounts to be refused (see {@code CurrentRolesAugmentor}).
 */
@ApplicationScoped
public class PortalAccounts implements CurrentAccounts {

    private static final String ACCOUNT = """
            SELECT a.status, array_remove(array_agg(r.role), NULL) AS roles
            FROM account a LEFT JOIN account_role r ON r.user_id = a.user_id
            WHERE a.user_id = $1 GROUP BY a.status""";

    private final Pool pool;

    public PortalAccounts(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Optional<Account>> find(String subject) {
        UUID userId;
        try {
            userId = UUID.fromString(subject);
        } catch (IllegalArgumentException notAnAccount) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery(ACCOUNT).execute(Tuple.of(userId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            Set<String> roles = new HashSet<>(java.util.Arrays.asList(row.getArrayOfStrings("roles")));
            return Optional.of(new Account("ACTIVE".equals(row.getString("status")), roles, 0));
        });
    }
}
