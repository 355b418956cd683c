package io.lowcode.admincenter.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Deploy a published version of a function unit to production.
 *
 * @param version a version the workstation published for that unit, e.g. {@code 1.2.0}
 */
public record DeploymentRequest(
        @NotBlank @Size(max = 64)
        @Pattern(regexp = SEMVER, message = "must be a semantic version MAJOR.MINOR.PATCH")
        String version) {

    /** Semantic versioning 2.0, as the event schemas define a version. */
    public static final String SEMVER =
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$";
}
