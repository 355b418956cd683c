package io.lowcode.eventschema.serde;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.InvalidEventException.Reason;
import io.lowcode.eventschema.envelope.EventData;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Operation;
import io.lowcode.eventschema.envelope.Status;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.schema.FieldNames;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The one place that converts between {@link EventEnvelope} and its JSON tree. Attributes are mapped
 * by hand (names are CloudEvents attribute names; absent optional attributes are left out), only the
 * payload record goes through Jackson data binding.
 */
final class EnvelopeMapping {

    private static final String PAYLOAD_POINTER = "/data/payload";

    private final ObjectMapper mapper;

    EnvelopeMapping(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode toTree(EventEnvelope<?> envelope) {
        ObjectNode tree = mapper.createObjectNode();
        tree.put("specversion", envelope.specversion());
        tree.put("id", envelope.id());
        tree.put("type", envelope.type().type());
        tree.put("source", envelope.source());
        tree.put("subject", envelope.subject());
        tree.put("time", envelope.time().toString());
        tree.put("datacontenttype", envelope.datacontenttype());
        tree.put("dataschema", envelope.dataschema());
        tree.put("eventversion", envelope.eventversion());
        putIfPresent(tree, "correlationid", envelope.correlationid());
        putIfPresent(tree, "userid", envelope.userid());
        putIfPresent(tree, "sessionid", envelope.sessionid());
        putIfPresent(tree, "traceparent", envelope.traceparent());
        ObjectNode data = tree.putObject("data");
        data.put("operation", envelope.data().operation().name());
        data.put("status", envelope.data().status().name());
        try {
            data.set("payload", mapper.valueToTree(envelope.data().payload()));
        } catch (RuntimeException e) {
            throw new InvalidEventException(PAYLOAD_POINTER, Reason.BINDING_FAILED,
                    "payload cannot be written as JSON: " + e.getMessage(), e);
        }
        return tree;
    }

    /**
     * @param tree a schema-valid envelope of the current version of {@code type}
     * @throws InvalidEventException with {@link Reason#BINDING_FAILED} if it still does not bind
     */
    EventEnvelope<?> fromTree(EventType type, ObjectNode tree) {
        JsonNode data = tree.get("data");
        EventPayload payload = payload(type, data.get("payload"));
        try {
            return envelope(type, tree, data, payload);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("", Reason.BINDING_FAILED, e.getMessage(), e);
        }
    }

    private <P extends EventPayload> EventEnvelope<P> envelope(EventType type, ObjectNode tree, JsonNode data,
                                                               P payload) {
        return new EventEnvelope<>(
                tree.get("specversion").textValue(),
                tree.get("id").textValue(),
                type,
                tree.get("source").textValue(),
                tree.get("subject").textValue(),
                time(tree.get("time").textValue()),
                tree.path("datacontenttype").asText(EventEnvelope.DATA_CONTENT_TYPE),
                type.schemaUri(tree.get("eventversion").intValue()),
                tree.get("eventversion").intValue(),
                tree.path("correlationid").textValue(),
                tree.path("userid").textValue(),
                tree.path("sessionid").textValue(),
                tree.path("traceparent").textValue(),
                new EventData<>(
                        enumValue(Operation.class, data.get("operation"), "/data/operation"),
                        enumValue(Status.class, data.get("status"), "/data/status"),
                        payload));
    }

    private EventPayload payload(EventType type, JsonNode node) {
        try {
            return mapper.treeToValue(node, type.payloadClass());
        } catch (JsonMappingException e) {
            throw new InvalidEventException(PAYLOAD_POINTER + pointer(e), Reason.BINDING_FAILED,
                    "payload does not bind to " + type.payloadClass().getSimpleName() + ": " + e.getOriginalMessage(),
                    e);
        } catch (Exception e) {
            throw new InvalidEventException(PAYLOAD_POINTER, Reason.BINDING_FAILED,
                    "payload does not bind to " + type.payloadClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidEventException("time", Reason.BINDING_FAILED, "'" + text + "' is not an RFC 3339 time", e);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> enumClass, JsonNode node, String pointer) {
        try {
            return Enum.valueOf(enumClass, node.textValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException(pointer, Reason.BINDING_FAILED,
                    node + " is not a " + enumClass.getSimpleName(), e);
        }
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            pointer.append('/');
            if (reference.getFieldName() != null) {
                pointer.append(FieldNames.escape(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                pointer.append(reference.getIndex());
            } else {
                pointer.setLength(pointer.length() - 1);
            }
        }
        return pointer.toString();
    }

    private static void putIfPresent(ObjectNode tree, String attribute, String value) {
        if (value != null) {
            tree.put(attribute, value);
        }
    }
}
