package io.lowcode.eventschema.payload;

import java.util.List;

/**
 * {@code user.account-created} v1: an account was created.
 *
 * @param userId      id of the new user (the event subject)
 * @param username    login name
 * @param displayName name shown in the UI, or {@code null}
 * @param email       e-mail address
 * @param roles       roles given at creation
 */
public record UserAccountCreated(String userId, String username, String displayName, String email,
                                 List<String> roles) implements EventPayload {

    public UserAccountCreated {
        Payloads.required(userId, "userId");
        roles = Payloads.copy(roles);
    }
}
