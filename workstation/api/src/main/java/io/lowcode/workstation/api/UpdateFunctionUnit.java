package io.lowcode.workstation.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v1/function-units/{id}}: edits the draft; published versions never change.
 *
 * @param description free text, up to 2000 characters
 * @param definition  the new draft definition, a JSON object
 */
public record UpdateFunctionUnit(@Size(max = 2000) String description, @NotNull JsonNode definition) {
}
