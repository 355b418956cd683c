package io.lowcode.eventschema.serde;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.lowcode.eventschema.serde.Documents.bytes;
import static io.lowcode.eventschema.serde.Documents.utf8;
import static io.lowcode.eventschema.serde.Documents.valid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EventCodec#peekType}: consumers acknowledge the types they do not apply without decoding them, so the peek
 * must name the type of every valid event, wherever {@code type} stands, and name nothing it cannot be sure of —
 * those records take the full decode, which refuses them.
 */
class EventTypePeekTest {

    private static final EventCodec CODEC = EventCodec.shared();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theTypeOfEveryValidEventIsRead(EventType type) {
        assertThat(CODEC.peekType(bytes(valid(type)))).contains(type);
    }

    @Test
    void theTypeIsFoundAfterNestedDataAndTheRestIsNotRead() {
        ObjectNode document = valid(EventType.FUNCTION_UNIT_DEPLOYED);
        String type = document.remove("type").textValue();
        ObjectNode reordered = Documents.PLAIN.createObjectNode();
        reordered.set("data", document.remove("data"));
        reordered.setAll(document);
        reordered.put("type", type);
        // whatever follows the type is not looked at: the full decode refuses a broken document, the peek does not care
        String text = new String(bytes(reordered)).replaceFirst("}$", ", \"trailing\": }");

        assertThat(CODEC.peekType(utf8(text))).contains(EventType.FUNCTION_UNIT_DEPLOYED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[{\"type\": \"function-unit.created\"}]", "\"function-unit.created\"",
            "{\"type\": 42}", "{\"type\": null}", "{\"type\": {\"name\": \"function-unit.created\"}}",
            "{\"type\": \"function-unit.exploded\"}", "{\"id\": \"x\"}", "{\"id\": ", "{\"data\": {\"type\": "
            + "\"function-unit.created\"}}", "{'type': 'function-unit.created'}", ""})
    void nothingIsNamedThatTheFullDecodeWouldNotBeSureOf(String text) {
        assertThat(CODEC.peekType(utf8(text))).isEmpty();
    }

    @Test
    void hostileNestingBeforeTheTypeIsNotFollowed() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(CODEC.peekType(utf8("{\"data\": " + deep + ", \"type\": \"function-unit.created\"}"))).isEmpty();
        assertThat(CODEC.peekType(null)).isEmpty();
        assertThat(CODEC.peekType(new byte[EventJson.MAX_DOCUMENT_BYTES + 1])).isEmpty();
    }
}
