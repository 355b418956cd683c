package io.lowcode.admincenter.access.service;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.security.CurrentAccounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

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
            return Optional.of(new Account("ACTIVE".equals(row.getString("status")),
                    new HashSet<>(Arrays.asList(row.getArrayOfStrings("roles"))), row.getInteger("token_generation")));
        });
    }
}
