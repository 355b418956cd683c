package io.lowcode.admincenter.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A user changes their own password.
 *
 * @param currentPassword the password now
 * @param newPassword     at least 12 characters
 */
public record PasswordChange(@NotBlank @Size(max = 128) String currentPassword,
        @NotNull @Size(min = 12, max = 128) String newPassword) {

    @Override
    public String toString() {
        return "PasswordChange[***]";
    }
}
