package io.lowcode.workstation.access;

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
 * The workstation's accounts, for requests to act with the caller's current roles (a developer whose role was taken
 * can no longer edit) and for disabled accounts to be refused (see {@code CurrentRolesAugmentor}).
 */
@ApplicationScoped
public class WorkstationAccounts implements CurrentAccounts {

    private final Pool pool;

    public WorkstationAccounts(Pool pool) {
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
        return pool.preparedQuery("SELECT status, roles FROM account WHERE user_id = $1")
                .execute(Tuple.of(userId)).map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    Set<String> roles = new HashSet<>();
                    try {
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(row.getString("roles"))
                                .forEach(role -> roles.add(role.asText()));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
                        throw new IllegalStateException("roles of account " + userId + " are not JSON", corrupt);
                    }
                    return Optional.of(new Account("ACTIVE".equals(row.getString("status")), roles, 0));
                });
    }
}
