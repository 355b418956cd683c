package io.lowcode.portal.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The calling user as the portal knows them.
 *
 * @param userId          the user id (the token's subject)
 * @param username        login name
 * @param displayName     name shown in the UI, or {@code null}
 * @param email           e-mail address
 * @param status          {@code ACTIVE}
 * @param activatedAt     when the portal activated the account
 * @param personalSpaceId the user's personal space
 * @param roles           roles, sorted
 * @param permissions     effective permissions (role grants and direct grants), sorted
 */
public record Me(UUID userId, String username, String displayName, String email, String status, Instant activatedAt,
        UUID personalSpaceId, List<String> roles, List<String> permissions) {
}
