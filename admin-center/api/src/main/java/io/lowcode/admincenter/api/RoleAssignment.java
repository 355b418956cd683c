package io.lowcode.admincenter.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A user's complete set of roles (replaces the previous set).
 *
 * @param roles roles from {@code GET /roles}
 */
public record RoleAssignment(@NotNull @Size(max = 20) List<@NotBlank @Size(max = 64) String> roles) {
}
