package io.lowcode.admincenter.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An administrator sets a user's password (the user's tokens issued before are refused from then on).
 *
 * @param password at least 12 characters
 */
public record PasswordReset(@NotNull @Size(min = 12, max = 128) String password) {

    @Override
    public String toString() {
        return "PasswordReset[***]";
    }
}
