package io.lowcode.eventschema.payload;

/**
 * {@code permission.revoked} v1: portals must deny the permission on the next request.
 *
 * @param userId     user who lost the permission (the event subject)
 * @param permission {@code <resource-type>:<resource-id|*>:<action>}
 * @param revokedBy  administrator who revoked it
 */
public record PermissionRevoked(String userId, String permission, String revokedBy) implements EventPayload {

    public PermissionRevoked {
        Payloads.required(userId, "userId");
        Payloads.required(permission, "permission");
    }
}
