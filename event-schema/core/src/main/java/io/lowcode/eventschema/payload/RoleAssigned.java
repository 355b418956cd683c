package io.lowcode.eventschema.payload;

import java.util.List;

/**
 * {@code role.assigned} v1: a user's roles were replaced.
 *
 * @param userId        user whose roles changed (the event subject)
 * @param roles         roles after the change
 * @param previousRoles roles before the change
 * @param assignedBy    administrator who changed them
 */
public record RoleAssigned(String userId, List<String> roles, List<String> previousRoles, String assignedBy)
        implements EventPayload {

    public RoleAssigned {
        Payloads.required(userId, "userId");
        roles = Payloads.copy(roles);
        previousRoles = Payloads.copy(previousRoles);
    }
}
