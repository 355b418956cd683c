package io.lowcode.eventschema.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Defensive copies for the payload records, so that they stay immutable. */
final class Payloads {

    /**
     * Deepest JSON value a payload accepts, the wire limit ({@code EventJson.MAX_NESTING_DEPTH}); checked
     * without recursion, so that an absurdly deep tree is refused instead of overflowing the stack.
     */
    static final int MAX_JSON_DEPTH = 64;

    private Payloads() {
    }

    /** A private copy of a JSON value; Java {@code null} becomes JSON {@code null}, as it reads back. */
    static JsonNode copy(JsonNode node) {
        if (node == null) {
            return NullNode.getInstance();
        }
        requireDepthAtMost(node, MAX_JSON_DEPTH);
        return node.deepCopy();
    }

    private static void requireDepthAtMost(JsonNode root, int maxDepth) {
        Deque<JsonNode> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(root.isContainerNode() ? 1 : 0);
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            int depth = depths.pop();
            if (depth > maxDepth) {
                throw new IllegalArgumentException("JSON value nested deeper than " + maxDepth + " levels");
            }
            for (JsonNode child : node) {
                if (child.isContainerNode()) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
    }

    static <E> List<E> copy(List<E> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, name);
    }
}
