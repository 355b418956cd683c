package io.lowcode.workstation.functionunit.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.workstation.api.DraftEdit;
import io.lowcode.workstation.api.FunctionUnitView;
import io.lowcode.workstation.api.VersionView;
import io.lowcode.workstation.functionunit.persistence.DraftEditEntity;
import io.lowcode.workstation.functionunit.persistence.FunctionUnit;
import io.lowcode.workstation.functionunit.persistence.FunctionUnitVersion;

/** The one place where entities become wire DTOs and definitions cross between JSON text and trees. */
@ApplicationScoped
public class FunctionUnitMapper {

    private final ObjectMapper json;

    public FunctionUnitMapper(ObjectMapper json) {
        this.json = json;
    }

    public FunctionUnitView view(FunctionUnit unit, List<FunctionUnitVersion> versions) {
        return new FunctionUnitView(unit.id, unit.name, unit.description, unit.category, unit.ownerId,
                collaborators(unit), tree(unit.definition), unit.createdAt, unit.updatedAt, unit.updatedBy,
                versions.stream().map(this::view).toList());
    }

    /** The unit's collaborators (user ids). */
    public List<String> collaborators(FunctionUnit unit) {
        List<String> ids = new java.util.ArrayList<>();
        tree(unit.collaborators).forEach(id -> ids.add(id.asText()));
        return ids;
    }

    public DraftEdit view(DraftEditEntity e) {
        return new DraftEdit(e.action, e.editedBy, e.editedAt, e.draftDigest, e.correlationId);
    }

    public VersionView view(FunctionUnitVersion v) {
        return new VersionView(v.version, v.changelog, v.contentDigest, v.publishedAt, v.deploymentStatus.name(),
                v.statusChangedAt);
    }

    /** JSON text as a tree (for static callers; the same Jackson defaults as the injected mapper). */
    static JsonNode parse(String json) {
        try {
            return PLAIN.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }

    private static final ObjectMapper PLAIN = new ObjectMapper();

    public JsonNode tree(String definition) {
        try {
            return json.readTree(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition is not JSON", e);
        }
    }

    public String text(JsonNode definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("definition cannot be written", e);
        }
    }
}
