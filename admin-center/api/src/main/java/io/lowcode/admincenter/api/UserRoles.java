package io.lowcode.admincenter.api;

import java.util.List;

/**
 * A user's roles after an assignment.
 *
 * @param userId the user
 * @param roles  roles, sorted
 */
public record UserRoles(String userId, List<String> roles) {
}
