package io.lowcode.workstation.access;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.security.AccountRows;
import io.lowcode.eventschema.runtime.security.CurrentAccounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The workstation's accounts, for requests to act with the caller's current roles (a developer whose role was taken
 * can no longer edit) and for disabled accounts to be refused (see {@code CurrentRolesAugmentor}).
 */
@ApplicationScoped
public class WorkstationAccounts implements CurrentAccounts {

    private static final com.fasterxml.jackson.databind.ObjectMapper ROLES = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Pool pool;

    public WorkstationAccounts(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Optional<Account>> find(String subject) {
        return AccountRows.find(pool, "SELECT status, roles FROM account WHERE user_id = $1", subject, (userId, row) -> {
            Set<String> roles = new HashSet<>();
            try {
                ROLES.readTree(row.getString("roles")).forEach(role -> roles.add(role.asText()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
                throw new IllegalStateException("roles of account " + userId + " are not JSON", corrupt);
            }
            return new Account("ACTIVE".equals(row.getString("status")), roles, 0);
        });
    }
}
