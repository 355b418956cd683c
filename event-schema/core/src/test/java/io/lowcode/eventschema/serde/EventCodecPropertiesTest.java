package io.lowcode.eventschema.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.envelope.EventEnvelope;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes arrive, reading either yields an event or throws {@link InvalidEventException};
 * never another exception, never a stack overflow.
 */
class EventCodecPropertiesTest {

    private static final EventCodec CODEC = EventCodec.shared();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<EventType, ObjectNode> VALID = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            VALID.put(type, Documents.valid(type));
        }
    }

    enum Mutation { DROP_FIELD, REPLACE_VALUE, TRUNCATE, DEEP_NESTING, FLIP_BYTE }

    @Property(tries = 600)
    void arbitraryBytesAreReadOrRejectedCleanly(@ForAll @Size(max = 512) byte[] bytes) {
        readsOrRejectsCleanly(bytes);
    }

    @Property(tries = 600)
    void jsonLookingTextIsReadOrRejectedCleanly(@ForAll("jsonLookingText") String text) {
        readsOrRejectsCleanly(Documents.utf8(text));
    }

    @Property(tries = 1000)
    void mutatedValidEventsAreReadOrRejectedCleanly(@ForAll EventType type, @ForAll Mutation mutation,
                                                    @ForAll long seed) {
        readsOrRejectsCleanly(mutate(VALID.get(type), mutation, new Random(seed)));
    }

    @Provide
    Arbitrary<String> jsonLookingText() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789.-+eE truefalsnul\\/\u00e9\u0000")
                .ofMaxLength(300);
    }

    private static void readsOrRejectsCleanly(byte[] bytes) {
        EventEnvelope<?> read;
        try {
            read = CODEC.deserialize(bytes);
        } catch (InvalidEventException rejected) {
            assertThat(rejected.getMessage()).startsWith(rejected.reason().name());
            return;
        }
        // What a reader accepts, a writer of the same catalog can write again.
        assertThat(CODEC.deserialize(CODEC.serialize(read))).isEqualTo(read);
    }

    private static byte[] mutate(ObjectNode valid, Mutation mutation, Random random) {
        ObjectNode document = valid.deepCopy();
        switch (mutation) {
            case DROP_FIELD: {
                Slot slot = randomSlot(document, random);
                slot.parent().remove(slot.name());
                return Documents.bytes(document);
            }
            case REPLACE_VALUE: {
                Slot slot = randomSlot(document, random);
                slot.parent().set(slot.name(), randomValueUnlike(slot.parent().get(slot.name()), random, 3));
                return Documents.bytes(document);
            }
            case DEEP_NESTING: {
                Slot slot = randomSlot(document, random);
                slot.parent().set(slot.name(), nested(1 + random.nextInt(200), random));
                return Documents.bytes(document);
            }
            case TRUNCATE: {
                byte[] bytes = Documents.bytes(document);
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case FLIP_BYTE:
            default: {
                byte[] bytes = Documents.bytes(document);
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                return bytes;
            }
        }
    }

    /** A field somewhere in the tree: top-level attribute, inside data, inside the payload, deeper. */
    private static Slot randomSlot(ObjectNode root, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        return slots.get(random.nextInt(slots.size()));
    }

    private static void collect(ObjectNode node, List<Slot> slots) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            slots.add(new Slot(node, field.getKey()));
            if (field.getValue().isObject()) {
                collect((ObjectNode) field.getValue(), slots);
            }
        }
    }

    private static JsonNode randomValueUnlike(JsonNode original, Random random, int depth) {
        JsonNode value;
        do {
            value = randomValue(random, depth);
        } while (value.getNodeType() == original.getNodeType());
        return value;
    }

    private static JsonNode randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0:
                return JSON.nullNode();
            case 1:
                return JSON.booleanNode(random.nextBoolean());
            case 2:
                return JSON.numberNode(random.nextInt());
            case 3:
                return JSON.numberNode(new java.math.BigDecimal(random.nextDouble() * 1e12).negate());
            case 4:
                return JSON.numberNode(new java.math.BigInteger(130, random));
            case 5:
                return JSON.textNode(randomText(random));
            case 6:
                ArrayNode array = JSON.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                return array;
            default:
                ObjectNode object = JSON.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomText(random), randomValue(random, depth - 1));
                }
                return object;
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0xD7FF)));
        }
        return text.toString();
    }

    private static JsonNode nested(int depth, Random random) {
        JsonNode node = JSON.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean() ? JSON.arrayNode().add(node) : JSON.objectNode().set("n", node);
        }
        return node;
    }

    private record Slot(ObjectNode parent, String name) {
    }
}
