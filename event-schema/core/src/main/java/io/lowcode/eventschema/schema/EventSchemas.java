package io.lowcode.eventschema.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.InvalidEventException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON Schemas of the catalog, loaded once from the classpath resources named by
 * {@link EventType#schemaResource(int)} (no classpath scanning) and compiled for validation.
 * Immutable and thread-safe after construction.
 */
public final class EventSchemas {

    /** How many violations one exception message lists. */
    private static final int MAX_REPORTED = 3;

    /**
     * Deepest tree {@link #validate} accepts. The validator recurses, so a caller-built tree deeper than
     * this is refused before validation; well above the wire limit of 64.
     */
    static final int MAX_DEPTH = 100;

    /** The only IRIs the factory may load from: the validator's bundled meta-schemas, mapped to the classpath. */
    private static final String LOADABLE_PREFIX = "classpath:";

    private final Map<Key, JsonSchema> compiled;
    private final Map<Key, JsonNode> documents;

    private EventSchemas(Map<Key, JsonSchema> compiled, Map<Key, JsonNode> documents) {
        this.compiled = Map.copyOf(compiled);
        this.documents = Map.copyOf(documents);
    }

    /**
     * Loads and compiles the schema of every known version of every event type.
     *
     * @param mapper parses the schema resources
     * @throws IllegalStateException if a resource is missing or is not a valid schema for its type and version
     */
    public static EventSchemas load(ObjectMapper mapper) {
        // Draft 2020-12 is built in (no meta-schema is fetched for "$schema"); the catalog's schemas reference
        // nothing, and anything that would be loaded from outside the classpath (http, https, file, ...) fails
        // loudly at start-up instead of touching the network.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(
                        iri -> iri.toString().startsWith(LOADABLE_PREFIX)))));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        Map<Key, JsonSchema> compiled = new HashMap<>();
        Map<Key, JsonNode> documents = new HashMap<>();
        for (EventType type : EventType.values()) {
            for (int version : type.knownVersions()) {
                Key key = new Key(type, version);
                JsonNode document = read(mapper, type.schemaResource(version));
                checkIdentity(type, version, document);
                JsonSchema schema = factory.getSchema(SchemaLocation.of(type.schemaUri(version)), document, config);
                schema.initializeValidators();
                compiled.put(key, schema);
                documents.put(key, document);
            }
        }
        return new EventSchemas(compiled, documents);
    }

    /**
     * Validates a whole envelope against the schema of {@code type} at {@code version}.
     *
     * @throws InvalidEventException with {@link Reason#SCHEMA_VIOLATION}, naming the first violation's field
     *                               ({@link Reason#MALFORMED_JSON} for a tree too deep to validate)
     */
    public void validate(EventType type, int version, JsonNode envelope) {
        JsonSchema schema = compiled.get(new Key(type, version));
        if (schema == null) {
            throw new InvalidEventException("eventversion", Reason.UNSUPPORTED_VERSION,
                    "no schema for " + type.type() + " version " + version);
        }
        if (deeperThan(envelope, MAX_DEPTH)) {
            throw new InvalidEventException("", Reason.MALFORMED_JSON, "JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        Set<ValidationMessage> errors;
        try {
            errors = schema.validate(envelope);
        } catch (RuntimeException e) {
            throw new InvalidEventException("", Reason.SCHEMA_VIOLATION,
                    "validation against " + type.schemaUri(version) + " could not complete: " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            throw violation(type, version, errors);
        }
    }

    /** The schema document of {@code type} at {@code version} (a copy), e.g. to render documentation. */
    public JsonNode document(EventType type, int version) {
        JsonNode document = documents.get(new Key(type, version));
        if (document == null) {
            throw new IllegalArgumentException("no schema for " + type.type() + " version " + version);
        }
        return document.deepCopy();
    }

    private static InvalidEventException violation(EventType type, int version, Collection<ValidationMessage> errors) {
        List<ValidationMessage> sorted = errors.stream()
                .sorted(Comparator.comparing(EventSchemas::pointer))
                .toList();
        String listed = sorted.stream()
                .limit(MAX_REPORTED)
                .map(error -> where(error) + " " + text(error))
                .collect(Collectors.joining("; "));
        String more = sorted.size() > MAX_REPORTED ? " (and " + (sorted.size() - MAX_REPORTED) + " more)" : "";
        return new InvalidEventException(FieldNames.attributeOrPointer(pointer(sorted.get(0))),
                Reason.SCHEMA_VIOLATION,
                "does not match " + type.schemaUri(version) + ": " + listed + more);
    }

    private static String where(ValidationMessage error) {
        String pointer = location(error);
        return pointer.isEmpty() ? "(document)" : pointer;
    }

    /** Where the violation is: the instance location, plus the property for keywords that name one. */
    private static String pointer(ValidationMessage error) {
        String location = location(error);
        String property = error.getProperty();
        boolean namesProperty = "required".equals(error.getType())
                || "additionalProperties".equals(error.getType())
                || "propertyNames".equals(error.getType());
        return namesProperty && property != null ? location + "/" + FieldNames.escape(property) : location;
    }

    /**
     * The instance location as an RFC 6901 JSON pointer, built from its segments: the validator's own
     * rendering also escapes control characters (a newline becomes backslash-n), which a pointer must not.
     */
    private static String location(ValidationMessage error) {
        JsonNodePath path = error.getInstanceLocation();
        if (path == null) {
            return "";
        }
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object segment = path.getElement(i);
            pointer.append('/').append(segment instanceof String name ? FieldNames.escape(name) : String.valueOf(segment));
        }
        return pointer.toString();
    }

    /** The message without the instance location the validator puts in front of it (it is listed separately). */
    private static String text(ValidationMessage error) {
        String message = String.valueOf(error.getMessage());
        String prefix = error.getInstanceLocation() == null ? null : error.getInstanceLocation().toString();
        if (prefix != null && message.startsWith(prefix + ":")) {
            return message.substring(prefix.length() + 1).stripLeading();
        }
        return message;
    }

    /** Whether containers nest deeper than {@code limit} levels; iterative, so any depth is safe to ask about. */
    private static boolean deeperThan(JsonNode root, int limit) {
        Deque<JsonNode> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(0);
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            int depth = depths.pop();
            if (depth > limit) {
                return true;
            }
            if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
        return false;
    }

    private static JsonNode read(ObjectMapper mapper, String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + resource + " is missing");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }

    private static void checkIdentity(EventType type, int version, JsonNode document) {
        String id = document.path("$id").asText();
        if (!type.schemaUri(version).equals(id)) {
            throw new IllegalStateException(type.schemaResource(version) + " has $id '" + id + "', expected "
                    + type.schemaUri(version));
        }
    }

    private record Key(EventType type, int version) {
    }
}
