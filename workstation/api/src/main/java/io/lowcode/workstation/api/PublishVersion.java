package io.lowcode.workstation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/function-units/{id}/versions}: publishes an immutable snapshot of the draft.
 *
 * @param version   a semantic version (semver 2.0.0), unique per function unit
 * @param changelog what changed, up to 4000 characters
 */
public record PublishVersion(
        @NotBlank @Pattern(regexp = SEMVER, message = "must be a semantic version such as 1.2.0") String version,
        @Size(max = 4000) String changelog) {

    /** Semantic Versioning 2.0.0 (semver.org). */
    public static final String SEMVER = "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?";
}
