package io.lowcode.eventschema.runtime.security;

import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The lookup every service's {@link CurrentAccounts} makes: one row of its accounts table by the token's subject. */
public final class AccountRows {

    private AccountRows() {
    }

    /**
     * The account whose id is {@code subject}, read with {@code query} (one parameter: the id as a UUID) and made by
     * {@code account} from its row; empty when the subject is not an account id (a service token's) or has no row.
     */
    public static Uni<Optional<CurrentAccounts.Account>> find(Pool pool, String query, String subject,
            BiFunction<UUID, Row, CurrentAccounts.Account> account) {
        UUID userId;
        try {
            userId = UUID.fromString(subject);
        } catch (IllegalArgumentException notAnAccount) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery(query).execute(Tuple.of(userId)).map(rows -> rows.size() == 0 ? Optional.empty()
                : Optional.of(account.apply(userId, rows.iterator().next())));
    }
}
