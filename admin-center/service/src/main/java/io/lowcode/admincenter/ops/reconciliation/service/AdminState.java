package io.lowcode.admincenter.ops.reconciliation.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The admin center's side of what the portal mirrors: accounts with their roles and direct grants, and the current
 * deployment of each function unit.
 *
 * @param accounts    by user id
 * @param deployments by function unit id (lower-case)
 */
public record AdminState(Map<UUID, Account> accounts, Map<String, Deployed> deployments) {

    /** One account: active or not, its roles and its direct grants. */
    public record Account(boolean active, Set<String> roles, Set<String> permissions) {
    }

    /** The deployment live in production. */
    public record Deployed(String version, String deploymentId) {
    }

    /** Sorted, for details people read. */
    static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
