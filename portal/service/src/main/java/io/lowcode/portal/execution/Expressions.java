package io.lowcode.portal.execution;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.portal.execution.budget.JsonSize;
import io.lowcode.portal.execution.budget.RenderBudget;

/**
 * The expressions of a definition. A template is any JSON value; every string in it may reference the context
 * with {@code ${/json/pointer}}: a string that is exactly one reference becomes the referenced JSON value (a number
 * stays a number), references inside a longer string are interpolated as text. The context is
 * {@code {"input": …, "steps": {<name>: <output>}, "last": <previous output>}}.
 *
 * <p>Rendering copies every referenced value (an output never shares nodes with the context, so it can neither alias
 * nor contain itself) and charges everything it produces to a {@link RenderBudget}: the result is at most the budget,
 * whatever the template and the context. In a URL every referenced value is percent-encoded, so an input can never
 * change the URL's host, port, user info or structure.
 */
public final class Expressions {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(/[^}]*)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Expressions() {
    }

    /** The template with its references resolved against {@code context}, within {@code budget}. */
    public static JsonNode render(JsonNode template, JsonNode context, RenderBudget budget) {
        if (template == null || template.isNull()) {
            return NODES.nullNode();
        }
        if (template.isTextual()) {
            String text = template.asText();
            Matcher whole = REFERENCE.matcher(text);
            if (whole.matches()) {
                return copy(lookup(context, whole.group(1)), budget);
            }
            return NODES.textNode(interpolate(text, context, budget, false));
        }
        if (template.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                budget.charge(field.getKey().length() + 4L);
                out.set(field.getKey(), render(field.getValue(), context, budget));
            }
            return out;
        }
        if (template.isArray()) {
            var out = NODES.arrayNode();
            for (JsonNode item : template) {
                budget.charge(1);
                out.add(render(item, context, budget));
            }
            return out;
        }
        budget.charge(template.asText().length());
        return template;
    }

    /** A URL template: every reference is interpolated as text and percent-encoded (RFC 3986 unreserved kept). */
    public static String renderUrl(String template, JsonNode context, RenderBudget budget) {
        return interpolate(template, context, budget, true);
    }

    private static String interpolate(String text, JsonNode context, RenderBudget budget, boolean encode) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            budget.charge(m.start() - last);
            out.append(text, last, m.start());
            String value = textOf(lookup(context, m.group(1)), budget);
            if (encode) {
                value = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~")
                        .replace("*", "%2A");
            }
            budget.charge(value.length());
            out.append(value);
            last = m.end();
        }
        budget.charge(text.length() - last);
        out.append(text, last, text.length());
        return out.toString();
    }

    /** A value as interpolated text: a scalar's text, a container's JSON — measured before it is written. */
    private static String textOf(JsonNode value, RenderBudget budget) {
        if (value.isValueNode()) {
            String text = value.asText();
            if (text.length() > budget.left()) {
                throw budget.exceeded(); // charged by the caller, after encoding
            }
            return text;
        }
        long size = JsonSize.of(value, budget.left());
        if (size < 0) {
            throw budget.exceeded();
        }
        return value.toString();
    }

    /** A private copy of {@code value}, charged to the budget before it is made. */
    private static JsonNode copy(JsonNode value, RenderBudget budget) {
        if (value.isValueNode()) {
            budget.charge(value.isTextual() ? value.asText().length() + 2L : value.asText().length());
            return value; // value nodes are immutable
        }
        long size = JsonSize.of(value, budget.left());
        if (size < 0) {
            throw budget.exceeded();
        }
        budget.charge(size);
        return value.deepCopy();
    }

    /** The value at {@code pointer}, or JSON null when there is none. */
    public static JsonNode lookup(JsonNode context, String pointer) {
        JsonNode found = context.at(JsonPointer.compile(pointer));
        return found.isMissingNode() ? NODES.nullNode() : found;
    }

    /** A branch condition: the value at {@code path} compared with {@code value}. */
    public static boolean test(JsonNode context, String path, String op, JsonNode value, RenderBudget budget) {
        JsonNode actual = context.at(JsonPointer.compile(path));
        if (op.equals("exists")) {
            return !actual.isMissingNode() && !actual.isNull();
        }
        JsonNode expected = value == null ? NODES.nullNode() : render(value, context, budget);
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
