package io.lowcode.workstation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/function-units}.
 *
 * @param name        display name, 1–100 characters
 * @param description free text, up to 2000 characters
 * @param category    catalog category (lower-case words and dashes), {@code uncategorized} when absent
 * @param definition  the draft definition, a JSON object
 */
public record CreateFunctionUnit(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 2000) String description,
        @Size(max = 50) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lower-case words joined by dashes") String category,
        @NotNull JsonNode definition) {
}
