package io.lowcode.eventschema.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Valid events as editable JSON trees, for tests that break them on purpose. */
final class Documents {

    /** Default-configured, so it writes whatever a test builds, however broken. */
    static final ObjectMapper PLAIN = new ObjectMapper();

    private Documents() {
    }

    static ObjectNode valid(EventType type) {
        return tree(EventCodec.shared().serialize(Samples.fullEnvelope(type)));
    }

    static ObjectNode tree(byte[] bytes) {
        try {
            return (ObjectNode) PLAIN.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Object tree) {
        try {
            return PLAIN.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
