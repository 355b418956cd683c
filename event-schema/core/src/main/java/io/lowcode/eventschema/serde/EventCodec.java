package io.lowcode.eventschema.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.InvalidEventException.Reason;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.schema.EventSchemas;
import io.lowcode.eventschema.upcast.UpcasterRegistry;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes and reads events as CloudEvents structured-mode JSON ({@code application/cloudevents+json}).
 *
 * <p>Reading runs these checks in order and stops at the first failure, always with an
 * {@link InvalidEventException} (never a Jackson exception, NPE or stack overflow):
 * <ol>
 *   <li>the bytes are one JSON object within {@link EventJson}'s size and depth limits ({@code MALFORMED_JSON});</li>
 *   <li>the required attributes are present ({@code MISSING_ATTRIBUTE}) and {@code specversion} is 1.0;</li>
 *   <li>the type is in the catalog ({@code UNKNOWN_TYPE});</li>
 *   <li>{@code eventversion} is not newer than this reader's current version ({@code UNSUPPORTED_VERSION});</li>
 *   <li>the document satisfies the JSON Schema of that type and version ({@code SCHEMA_VIOLATION});</li>
 *   <li>older versions are upcast to the current one, which is validated again;</li>
 *   <li>the payload binds to the type's record ({@code BINDING_FAILED}).</li>
 * </ol>
 * Writing renders the envelope, then reads the bytes back through steps 1–5, so nothing is ever
 * written that a reader of the same catalog would reject. Unknown extension attributes are accepted
 * (CloudEvents allows them) and dropped; unknown payload properties are schema violations.
 *
 * <p>Immutable and thread-safe; build one per application (building loads and compiles every
 * schema) or use {@link #shared()}.
 */
public final class EventCodec {

    private final ObjectMapper mapper;
    private final EventSchemas schemas;
    private final UpcasterRegistry upcasters;
    private final EnvelopeMapping mapping;

    /** A codec with the catalog's schemas and upcasters. */
    public EventCodec() {
        this(UpcasterRegistry.defaults());
    }

    public EventCodec(UpcasterRegistry upcasters) {
        this.mapper = EventJson.newObjectMapper();
        this.schemas = EventSchemas.load(mapper);
        this.upcasters = Objects.requireNonNull(upcasters, "upcasters");
        this.mapping = new EnvelopeMapping(mapper);
    }

    /** The process-wide default codec, built on first use (what the Kafka serde's no-arg constructors use). */
    public static EventCodec shared() {
        return Shared.INSTANCE;
    }

    /**
     * @return the event as UTF-8 JSON
     * @throws InvalidEventException if the event's own schema (or the size and depth limits) rejects it;
     *                               {@link Reason#TOO_LARGE} when it is larger than {@link EventJson#MAX_EVENT_BYTES}
     */
    public byte[] serialize(EventEnvelope<?> envelope) {
        Objects.requireNonNull(envelope, "envelope");
        ObjectNode tree = mapping.toTree(envelope);
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("", Reason.MALFORMED_JSON,
                    "event " + envelope.id() + " cannot be written: " + e.getOriginalMessage(), e);
        }
        if (bytes.length > EventJson.MAX_EVENT_BYTES) {
            throw new InvalidEventException("", Reason.TOO_LARGE, "event " + envelope.id() + " (" + envelope.type().type()
                    + ") would be " + bytes.length + " bytes, more than the " + EventJson.MAX_EVENT_BYTES + " allowed");
        }
        readTree(bytes);
        return bytes;
    }

    /**
     * Reads, validates, upcasts and binds one event.
     *
     * @return the envelope at the current version of its type; {@code payload()} is the type's record
     * @throws InvalidEventException for every kind of bad input, and nothing else
     */
    public EventEnvelope<?> deserialize(byte[] bytes) {
        ObjectNode tree = readTree(bytes);
        return mapping.fromTree(EventType.fromType(tree.get("type").textValue()), tree);
    }

    /**
     * Reads, validates and upcasts one event without binding the payload, for consumers that work on
     * the JSON (inspection, replay, forwarding).
     *
     * @return a private tree of the envelope at the current version of its type
     * @throws InvalidEventException for every kind of bad input, and nothing else
     */
    public ObjectNode readTree(byte[] bytes) {
        ObjectNode document = parseObject(bytes);
        EnvelopeHeader header = EnvelopeHeader.check(document);
        schemas.validate(header.type(), header.version(), document);
        if (header.version() == header.type().currentVersion()) {
            return document;
        }
        ObjectNode current = upcast(header, document);
        schemas.validate(header.type(), header.type().currentVersion(), current);
        return current;
    }

    /**
     * The catalog type a record's top-level {@code type} names, read without parsing or validating the rest: a
     * consumer acknowledges the types it does not apply without decoding them (several types share a topic). Empty
     * when it cannot be told — not a JSON object, no string {@code type} before the document ends or breaks a limit,
     * a type the catalog does not know: such a record takes the full {@link #deserialize} and is refused there.
     */
    public Optional<EventType> peekType(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > EventJson.MAX_DOCUMENT_BYTES) {
            return Optional.empty();
        }
        try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isType = "type".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isType) {
                    return value == JsonToken.VALUE_STRING ? EventType.find(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The compiled schemas this codec validates with. */
    public EventSchemas schemas() {
        return schemas;
    }

    private ObjectNode parseObject(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException("", Reason.MALFORMED_JSON, "no bytes");
        }
        if (bytes.length > EventJson.MAX_DOCUMENT_BYTES) {
            throw new InvalidEventException("", Reason.MALFORMED_JSON,
                    bytes.length + " bytes, more than the " + EventJson.MAX_DOCUMENT_BYTES + " allowed");
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw new InvalidEventException("", Reason.MALFORMED_JSON, "over a limit: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("", Reason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidEventException("", Reason.MALFORMED_JSON, "not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("", Reason.MALFORMED_JSON,
                    "not a JSON object but " + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType()));
        }
        return (ObjectNode) root;
    }

    private ObjectNode upcast(EnvelopeHeader header, ObjectNode document) {
        try {
            return upcasters.upcast(header.type(), header.version(), document);
        } catch (RuntimeException e) {
            throw new InvalidEventException("data", Reason.BINDING_FAILED, header.type().type() + " version "
                    + header.version() + " cannot be upcast to " + header.type().currentVersion() + ": " + e, e);
        }
    }

    private static final class Shared {
        private static final EventCodec INSTANCE = new EventCodec();
    }
}
