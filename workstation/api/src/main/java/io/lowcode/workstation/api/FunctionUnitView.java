package io.lowcode.workstation.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** A function unit as the developer sees it: its draft and every published version with its deployment status. */
public record FunctionUnitView(UUID id, String name, String description, String category, String ownerId,
        JsonNode definition, Instant createdAt, Instant updatedAt, List<VersionView> versions) {
}
