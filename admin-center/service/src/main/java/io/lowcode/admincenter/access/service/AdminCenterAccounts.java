package io.lowcode.admincenter.access.service;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.security.AccountRows;
import io.lowcode.eventschema.runtime.security.CurrentAccounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The accounts the admin center owns, read on every request (no cache: {@code lowcode.auth.current-roles-ttl=0S}), so
 * that a write acts with the caller's roles as they are now — a demoted admin's token cannot re-grant itself — and a
 * disabled account's token, or a token from before a password change (a lower {@code gen} claim), is refused at once.
 */
@ApplicationScoped
public class AdminCenterAccounts implements CurrentAccounts {

    private static final String ACCOUNT = """
            SELECT a.status, a.token_generation, array_remove(array_agg(r.role), NULL) AS roles
            FROM user_account a LEFT JOIN user_role r ON r.user_id = a.user_id
            WHERE a.user_id = $1 GROUP BY a.status, a.token_generation""";

    private final Pool pool;

    public AdminCenterAccounts(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Optional<Account>> find(String subject) {
        return AccountRows.find(pool, ACCOUNT, subject, (userId, row) -> new Account("ACTIVE".equals(row.getString("status")),
                new HashSet<>(Arrays.asList(row.getArrayOfStrings("roles"))), row.getInteger("token_generation")));
    }
}
