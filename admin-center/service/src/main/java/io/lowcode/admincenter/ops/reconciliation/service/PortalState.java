package io.lowcode.admincenter.ops.reconciliation.service;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The portal's side, as its ops read-model API returned it.
 *
 * @param accounts         the permission cache by user id
 * @param functionVersions the available version by function unit id (lower-case)
 */
public record PortalState(Map<UUID, PortalAccount> accounts, Map<String, String> functionVersions) {

    /** One account of the portal's permission cache: its roles and direct grants. */
    public record PortalAccount(Set<String> roles, Set<String> permissions) {
    }
}
