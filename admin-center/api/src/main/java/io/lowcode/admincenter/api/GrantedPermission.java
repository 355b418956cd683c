package io.lowcode.admincenter.api;

import java.time.Instant;

/**
 * A permission granted to a user.
 *
 * @param userId     the user
 * @param permission the permission, as written
 * @param grantedAt  when
 * @param grantedBy  by which admin
 */
public record GrantedPermission(String userId, String permission, Instant grantedAt, String grantedBy) {
}
