package io.lowcode.eventschema.payload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code function-unit.published} v1: a version of a function unit was published.
 *
 * @param functionUnitId id of the function unit (the event subject)
 * @param name           display name
 * @param version        semantic version, e.g. {@code 1.2.0}
 * @param changelog      what changed, or {@code null}
 * @param contentDigest  SHA-256 of the canonical definition, lower-case hex
 * @param definition     the published definition, a JSON object (copied; the copy returned is yours)
 */
public record FunctionUnitPublished(String functionUnitId, String name, String version, String changelog,
                                    String contentDigest, JsonNode definition) implements EventPayload {

    public FunctionUnitPublished {
        Payloads.required(functionUnitId, "functionUnitId");
        definition = Payloads.copy(definition);
    }

    @Override
    public JsonNode definition() {
        return definition.deepCopy();
    }
}
