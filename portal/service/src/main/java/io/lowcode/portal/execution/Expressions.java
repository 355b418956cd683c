package io.lowcode.portal.execution;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The expressions of a definition. A template is any JSON value; every string in it may reference the context
 * with {@code ${/json/pointer}}: a string that is exactly one reference becomes the referenced JSON value (a number
 * stays a number), references inside a longer string are interpolated as text. The context is
 * {@code {"input": …, "steps": {<name>: <output>}, "last": <previous output>}}.
 */
public final class Expressions {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(/[^}]*)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Expressions() {
    }

    /** The template with its references resolved against {@code context}. */
    public static JsonNode render(JsonNode template, JsonNode context) {
        if (template == null || template.isNull()) {
            return NODES.nullNode();
        }
        if (template.isTextual()) {
            String text = template.asText();
            Matcher whole = REFERENCE.matcher(text);
            if (whole.matches()) {
                return lookup(context, whole.group(1));
            }
            Matcher m = REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                JsonNode value = lookup(context, m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(value.isValueNode() ? value.asText() : value.toString()));
            }
            m.appendTail(out);
            return NODES.textNode(out.toString());
        }
        if (template.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.set(field.getKey(), render(field.getValue(), context));
            }
            return out;
        }
        if (template.isArray()) {
            var out = NODES.arrayNode();
            template.forEach(item -> out.add(render(item, context)));
            return out;
        }
        return template;
    }

    /** The value at {@code pointer}, or JSON null when there is none. */
    public static JsonNode lookup(JsonNode context, String pointer) {
        JsonNode found = context.at(JsonPointer.compile(pointer));
        return found.isMissingNode() ? NODES.nullNode() : found;
    }

    /** A branch condition: the value at {@code path} compared with {@code value}. */
    public static boolean test(JsonNode context, String path, String op, JsonNode value) {
        JsonNode actual = context.at(JsonPointer.compile(path));
        if (op.equals("exists")) {
            return !actual.isMissingNode() && !actual.isNull();
        }
        JsonNode expected = value == null ? NODES.nullNode() : render(value, context);
        if (op.equals("eq") || op.equals("ne")) {
            boolean equal = actual.isNumber() && expected.isNumber()
                    ? actual.decimalValue().compareTo(expected.decimalValue()) == 0
                    : actual.equals(expected);
            return op.equals("eq") == equal;
        }
        if (!actual.isNumber() || !expected.isNumber()) {
            int c = actual.asText().compareTo(expected.asText());
            return compare(op, c);
        }
        return compare(op, actual.decimalValue().compareTo(expected.decimalValue()));
    }

    private static boolean compare(String op, int c) {
        return switch (op) {
            case "gt" -> c > 0;
            case "gte" -> c >= 0;
            case "lt" -> c < 0;
            case "lte" -> c <= 0;
            default -> throw new IllegalArgumentException("unknown comparison " + op);
        };
    }
}
