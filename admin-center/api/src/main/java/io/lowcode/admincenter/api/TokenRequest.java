package io.lowcode.admincenter.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Log in.
 *
 * @param username login name (case-insensitive)
 * @param password the password
 */
public record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {

    @Override
    public String toString() {
        return "TokenRequest[username=" + username + ", password=***]";
    }
}
