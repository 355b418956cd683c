package io.lowcode.eventschema.payload;

/**
 * {@code permission.granted} v1.
 *
 * @param userId     user who received the permission (the event subject)
 * @param permission {@code <resource-type>:<resource-id|*>:<action>}, e.g. {@code function-unit:*:execute}
 * @param grantedBy  administrator who granted it
 */
public record PermissionGranted(String userId, String permission, String grantedBy) implements EventPayload {

    public PermissionGranted {
        Payloads.required(userId, "userId");
        Payloads.required(permission, "permission");
    }
}
