package io.lowcode.portal.access;

import java.util.HashSet;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.security.AccountRows;
import io.lowcode.eventschema.runtime.security.CurrentAccounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

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
        return AccountRows.find(pool, ACCOUNT, subject, (userId, row) -> new Account("ACTIVE".equals(row.getString("status")),
                new HashSet<>(java.util.Arrays.asList(row.getArrayOfStrings("roles"))), 0));
    }
}
