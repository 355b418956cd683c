package io.lowcode.admincenter.api;

import java.time.Instant;

/**
 * A function unit in the inventory.
 *
 * @param functionUnitId  the workstation's id of the unit
 * @param name            display name
 * @param description     free text, or {@code null}
 * @param ownerId         the developer who created it
 * @param category        catalog category
 * @param status          where it stands
 * @param latestVersion   the version published last, or {@code null}
 * @param deployedVersion the version live in production, or {@code null}
 * @param createdAt       when the admin center learned of it
 * @param updatedAt       last change
 */
public record FunctionUnitSummary(String functionUnitId, String name, String description, String ownerId,
        String category, FunctionUnitStatus status, String latestVersion, String deployedVersion, Instant createdAt,
        Instant updatedAt) {
}
