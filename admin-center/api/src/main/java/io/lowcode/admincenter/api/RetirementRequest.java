package io.lowcode.admincenter.api;

import jakarta.validation.constraints.Size;

/**
 * Retire the deployed version of a function unit.
 *
 * @param reason why, or {@code null}
 */
public record RetirementRequest(@Size(max = 4000) String reason) {
}
