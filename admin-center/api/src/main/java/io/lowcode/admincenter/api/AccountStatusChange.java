package io.lowcode.admincenter.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Disables or re-enables an account.
 *
 * @param status {@code ACTIVE} or {@code DISABLED}
 * @param reason why, for the audit trail; optional
 */
public record AccountStatusChange(
        @NotNull @Pattern(regexp = "ACTIVE|DISABLED", message = "must be ACTIVE or DISABLED") String status,
        @Size(max = 1000) String reason) {
}
