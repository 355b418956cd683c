package io.lowcode.admincenter.api;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new user account.
 *
 * @param username    login name: lower-case letters, digits, {@code . _ -}, 3..64 characters; unique
 * @param displayName name shown in the UI, optional
 * @param email       e-mail address
 * @param password    at least 12 characters; stored only as a bcrypt hash
 * @param roles       roles from {@code GET /roles}; {@code [user]} when empty
 */
public record CreateUser(
        @NotBlank @Size(min = 3, max = 64)
        @Pattern(regexp = "^[a-z0-9][a-z0-9._-]*$", message = "must be lower-case letters, digits, '.', '_' or '-'")
        String username,
        @Size(max = 128) String displayName,
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(min = 12, max = 128) String password,
        @Size(max = 20) List<@NotBlank @Size(max = 64) String> roles) {

    @Override
    public String toString() {
        return "CreateUser[username=" + username + ", email=" + email + ", roles=" + roles + ", password=***]";
    }
}
