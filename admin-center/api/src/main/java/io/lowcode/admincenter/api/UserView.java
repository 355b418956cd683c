package io.lowcode.admincenter.api;

import java.time.Instant;
import java.util.List;

/**
 * A user account as the admin center keeps it (never the password or its hash).
 *
 * @param id          the user id, subject of the user's tokens and access events
 * @param username    login name
 * @param displayName name shown in the UI, or {@code null}
 * @param email       e-mail address
 * @param status      {@code ACTIVE} or {@code DISABLED}
 * @param roles       assigned roles, sorted
 * @param permissions permissions granted directly, sorted (roles add their own, see {@code GET /roles})
 * @param createdAt   when the account was created
 */
public record UserView(String id, String username, String displayName, String email, String status,
        List<String> roles, List<String> permissions, Instant createdAt) {
}
