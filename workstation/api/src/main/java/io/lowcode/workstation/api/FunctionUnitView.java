package io.lowcode.workstation.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function unit as the developer sees it: its draft and every published version with its deployment status. Only
 * the owner and the collaborators may edit or publish it; {@code updatedBy} made the last draft edit.
 */
public record FunctionUnitView(UUID id, String name, String description, String category, String ownerId,
        List<String> collaborators, JsonNode definition, Instant createdAt, Instant updatedAt, String updatedBy,
        List<VersionView> versions) {
}
