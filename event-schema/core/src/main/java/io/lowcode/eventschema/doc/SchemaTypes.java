package io.lowcode.eventschema.doc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** A short human description of the type a JSON Schema property allows, for the catalog tables. */
final class SchemaTypes {

    private SchemaTypes() {
    }

    static String describe(JsonNode property) {
        if (property.has("enum")) {
            return texts(property.get("enum")).stream().map(v -> "`" + v + "`").collect(Collectors.joining(" | "));
        }
        List<String> types = texts(property.path("type"));
        if (types.isEmpty()) {
            return "any JSON";
        }
        List<String> described = new ArrayList<>();
        for (String type : types) {
            described.add(describe(type, property));
        }
        return String.join(" or ", described);
    }

    private static String describe(String type, JsonNode property) {
        switch (type) {
            case "string":
                return property.has("format") ? "string (" + property.get("format").asText() + ")" : "string";
            case "array":
                return "array of " + describe(property.path("items"));
            case "object":
                JsonNode values = property.path("additionalProperties");
                return values.isObject() ? "object of " + describe(values) : "object";
            default:
                return type;
        }
    }

    private static List<String> texts(JsonNode node) {
        if (node.isArray()) {
            return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
        }
        return node.isMissingNode() ? List.of() : List.of(node.asText());
    }
}
