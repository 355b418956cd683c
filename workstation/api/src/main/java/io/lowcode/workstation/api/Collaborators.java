package io.lowcode.workstation.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /api/v1/function-units/{id}/collaborators}: who besides the owner may edit and publish the unit (replaces
 * the list; the owner only).
 *
 * @param userIds user ids (token subjects), at most 50
 */
public record Collaborators(@NotNull @Size(max = 50) List<@NotBlank @Size(max = 128) String> userIds) {
}
