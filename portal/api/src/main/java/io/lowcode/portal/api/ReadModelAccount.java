package io.lowcode.portal.api;

import java.util.List;
import java.util.UUID;

/**
 * One account as the portal's permission cache holds it: what reconciliation compares with the admin center's
 * users ({@code GET /api/v1/ops/read-model/accounts}).
 *
 * @param userId      the user id
 * @param status      {@code ACTIVE} or {@code DISABLED}
 * @param roles       the roles, sorted
 * @param permissions the directly granted permissions, sorted (not those the roles give)
 */
public record ReadModelAccount(UUID userId, String status, List<String> roles, List<String> permissions) {
}
