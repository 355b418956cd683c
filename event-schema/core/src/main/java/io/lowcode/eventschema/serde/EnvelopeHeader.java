package io.lowcode.eventschema.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.InvalidEventException.Reason;
import io.lowcode.eventschema.envelope.EventEnvelope;

/**
 * The checks that come before schema validation, because they decide which schema applies:
 * required attributes present, {@code specversion} 1.0, {@code type} known, {@code eventversion}
 * one this reader knows.
 *
 * @param type    the event type
 * @param version the version the document was written in
 */
record EnvelopeHeader(EventType type, int version) {

    static EnvelopeHeader check(ObjectNode document) {
        for (String attribute : EventEnvelope.REQUIRED_ATTRIBUTES) {
            JsonNode value = document.get(attribute);
            if (value == null || value.isNull()) {
                throw new InvalidEventException(attribute, Reason.MISSING_ATTRIBUTE,
                        "required attribute '" + attribute + "' is " + (value == null ? "absent" : "null"));
            }
        }
        JsonNode specversion = document.get("specversion");
        if (!EventEnvelope.SPEC_VERSION.equals(specversion.textValue())) {
            throw new InvalidEventException("specversion", Reason.UNSUPPORTED_VERSION,
                    "CloudEvents specversion " + describe(specversion) + " is not supported, only \""
                            + EventEnvelope.SPEC_VERSION + "\"");
        }
        JsonNode typeNode = document.get("type");
        if (!typeNode.isTextual()) {
            throw new InvalidEventException("type", Reason.SCHEMA_VIOLATION,
                    "type must be a string, not " + typeNode.getNodeType());
        }
        EventType type = EventType.fromType(typeNode.textValue());
        return new EnvelopeHeader(type, version(type, document.get("eventversion")));
    }

    private static String describe(JsonNode value) {
        return value.isTextual() ? value.toString() : value + " (a " + value.getNodeType() + ", not a string)";
    }

    private static int version(EventType type, JsonNode node) {
        if (!node.isIntegralNumber()) {
            throw new InvalidEventException("eventversion", Reason.SCHEMA_VIOLATION,
                    "eventversion must be an integer, not " + node.getNodeType());
        }
        int newest = type.currentVersion();
        if (!node.canConvertToInt() || node.intValue() > newest) {
            throw new InvalidEventException("eventversion", Reason.UNSUPPORTED_VERSION,
                    type.type() + " version " + node.asText() + " is newer than the newest known " + newest);
        }
        if (node.intValue() < 1) {
            throw new InvalidEventException("eventversion", Reason.UNSUPPORTED_VERSION,
                    type.type() + " version " + node.intValue() + " does not exist; versions start at 1");
        }
        return node.intValue();
    }
}
