package io.lowcode.admincenter.api;

import jakarta.validation.constraints.NotBlank;

/**
 * Grant one permission.
 *
 * @param permission {@code <resource-type>:<resource-id or *>:<action>}, e.g. {@code function-unit:*:execute}
 */
public record PermissionGrant(@NotBlank String permission) {
}
