package io.lowcode.eventschema.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson configuration of the wire format. Strict on purpose, because the JSON Schema is the
 * contract and anything it would not accept should not bind either:
 * <ul>
 *   <li>documents are at most {@value #MAX_DOCUMENT_BYTES} bytes when read, {@value #MAX_EVENT_BYTES} when written,
 *       and {@value #MAX_NESTING_DEPTH} levels deep (read and write), so hostile input cannot exhaust memory or the
 *       stack and nothing written is too large to publish;</li>
 *   <li>duplicate keys and trailing content are errors (two parsers must never disagree on an event);</li>
 *   <li>unknown properties fail binding, scalars are not coerced, primitives are not defaulted from null;</li>
 *   <li>dates are ISO-8601 strings, map keys are written sorted, null properties are omitted.</li>
 * </ul>
 */
public final class EventJson {

    /**
     * Largest event read, in bytes (1 MiB, the Kafka default message size): what earlier producers may have written.
     */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    /**
     * Largest event written, in bytes. Below what the outbox relay's producer may send ({@code max.request.size}
     * 1 MiB) and the broker accepts ({@code message.max.bytes} 1 MiB + 12) by more than a record's key (a subject is
     * at most 255 characters), headers and batch overhead (about 1.2 KB together), so every event that is written
     * can also be published.
     */
    public static final int MAX_EVENT_BYTES = 1_000_000;
    /** Deepest nesting accepted or written; envelope and payload need about 8, free-form JSON the rest. */
    public static final int MAX_NESTING_DEPTH = 64;

    private EventJson() {
    }

    /** A new mapper with the wire configuration; configure it no further and share it. */
    public static ObjectMapper newObjectMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .maxStringLength(MAX_DOCUMENT_BYTES)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
    }
}
