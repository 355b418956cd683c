package io.lowcode.eventschema.payload;

/**
 * {@code user.account-status-changed} v1: an administrator disabled or re-enabled an account. A disabled account
 * cannot log in, and every service refuses its tokens from the moment it applies this event.
 *
 * @param userId    id of the user (the event subject)
 * @param status    {@link #ACTIVE} or {@link #DISABLED}
 * @param changedBy administrator who changed it
 * @param reason    why, or {@code null}
 */
public record UserAccountStatusChanged(String userId, String status, String changedBy, String reason)
        implements EventPayload {

    public static final String ACTIVE = "ACTIVE";
    public static final String DISABLED = "DISABLED";

    public UserAccountStatusChanged {
        Payloads.required(userId, "userId");
    }
}
