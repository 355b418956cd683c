package io.lowcode.workstation.functionunit.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.workstation.api.FunctionUnitView;
import io.lowcode.workstation.api.VersionView;
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
                tree(unit.definition), unit.createdAt, unit.updatedAt, versions.stream().map(this::view).toList());
    }

    public VersionView view(FunctionUnitVersion v) {
        return new VersionView(v.version, v.changelog, v.contentDigest, v.publishedAt, v.deploymentStatus.name(),
                v.statusChangedAt);
    }

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
