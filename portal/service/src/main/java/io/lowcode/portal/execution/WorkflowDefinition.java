package io.lowcode.portal.execution;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.lowcode.eventschema.definition.StepNames;

/**
 * A function unit's low-code definition: {@code {"steps": [ {name, kind, …}, … ]}}, run in order. Step kinds:
 * <ul>
 * <li>{@code transform} — {@code "set": {field: template}}: builds an object from the context (see {@link Expressions});</li>
 * <li>{@code http} — {@code method} (GET/POST/PUT/DELETE), {@code url}, optional {@code body} template,
 *     {@code timeoutMs} (default 5000, at most 30000), {@code failOnError} (default true): output {@code {status, body}};</li>
 * <li>{@code wait} — {@code ms} (at most 60000);</li>
 * <li>{@code branch} — {@code if: {path, op, value}} with op eq|ne|gt|gte|lt|lte|exists, {@code then} / {@code else}:
 *     the name of the step to continue at, or {@code end};</li>
 * <li>{@code fail} — {@code message}: fails the execution (an explicit error path).</li>
 * </ul>
 * Step names follow {@link StepNames} (the workstation checks them when a version is published). Parsing checks
 * everything it can before anything runs; a bad definition is one {@link IllegalArgumentException}
 * naming the step and field.
 */
public record WorkflowDefinition(List<Step> steps, Map<String, Integer> indexByName) {

    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    static final Duration MAX_HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    private static final Set<String> OPS = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "exists");

    /** One step. */
    public sealed interface Step permits Transform, Http, Wait, Branch, Fail {
        String name();

        String kind();
    }

    public record Transform(String name, JsonNode set) implements Step {
        public String kind() {
            return "transform";
        }
    }

    public record Http(String name, String method, String url, JsonNode body, Duration timeout, boolean failOnError)
            implements Step {
        public String kind() {
            return "http";
        }
    }

    public record Wait(String name, Duration duration) implements Step {
        public String kind() {
            return "wait";
        }
    }

    public record Branch(String name, String path, String op, JsonNode value, String then, String otherwise)
            implements Step {
        public String kind() {
            return "branch";
        }
    }

    public record Fail(String name, String message) implements Step {
        public String kind() {
            return "fail";
        }
    }

    public static WorkflowDefinition parse(JsonNode definition) {
        if (definition == null || !definition.isObject() || !definition.path("steps").isArray()) {
            throw new IllegalArgumentException("the definition must be an object with a \"steps\" array");
        }
        List<Step> steps = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        JsonNode all = definition.get("steps");
        for (int i = 0; i < all.size(); i++) {
            JsonNode s = all.get(i);
            JsonNode given = s.get("name");
            String name = given == null ? "step-" + (i + 1) : given.asText();
            if (given != null && (!given.isTextual() || !StepNames.valid(name))) {
                throw new IllegalArgumentException("step " + i + ": a step name must be 1 to " + StepNames.MAX_LENGTH
                        + " letters, digits, '_', '.' or '-', starting with a letter or digit");
            }
            if (index.putIfAbsent(name, i) != null) {
                throw new IllegalArgumentException("step " + i + ": the name '" + name + "' is used twice");
            }
            steps.add(step(i, name, s));
        }
        for (Step step : steps) {
            if (step instanceof Branch b) {
                for (String target : List.of(b.then(), b.otherwise())) {
                    if (!target.equals("end") && !index.containsKey(target)) {
                        throw new IllegalArgumentException("step '" + b.name() + "': no step named '" + target + "'");
                    }
                }
            }
        }
        return new WorkflowDefinition(List.copyOf(steps), Map.copyOf(index));
    }

    private static Step step(int i, String name, JsonNode s) {
        String kind = s.path("kind").asText("");
        String where = "step '" + name + "' (" + i + ")";
        switch (kind) {
            case "transform" -> {
                if (!s.path("set").isObject()) {
                    throw new IllegalArgumentException(where + ": transform needs a \"set\" object");
                }
                return new Transform(name, s.get("set"));
            }
            case "http" -> {
                String method = s.path("method").asText("GET").toUpperCase(Locale.ROOT);
                if (!METHODS.contains(method)) {
                    throw new IllegalArgumentException(where + ": method must be one of " + METHODS);
                }
                String url = s.path("url").asText("");
                try {
                    URI parsed = URI.create(url.replaceAll("\\$\\{[^}]*}", "x"));
                    if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
                        throw new IllegalArgumentException("scheme");
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": url must be an http(s) URL");
                }
                long timeout = s.path("timeoutMs").asLong(5000);
                if (timeout <= 0 || timeout > MAX_HTTP_TIMEOUT.toMillis()) {
                    throw new IllegalArgumentException(where + ": timeoutMs must be 1.." + MAX_HTTP_TIMEOUT.toMillis());
                }
                return new Http(name, method, url, s.get("body"), Duration.ofMillis(timeout),
                        s.path("failOnError").asBoolean(true));
            }
            case "wait" -> {
                long ms = s.path("ms").asLong(-1);
                if (ms < 0 || ms > MAX_WAIT.toMillis()) {
                    throw new IllegalArgumentException(where + ": ms must be 0.." + MAX_WAIT.toMillis());
                }
                return new Wait(name, Duration.ofMillis(ms));
            }
            case "branch" -> {
                JsonNode condition = s.path("if");
                String op = condition.path("op").asText("eq");
                if (!condition.path("path").isTextual() || !OPS.contains(op)) {
                    throw new IllegalArgumentException(where + ": branch needs \"if\": {path, op (" + OPS + "), value}");
                }
                return new Branch(name, condition.get("path").asText(), op, condition.get("value"),
                        s.path("then").asText("end"), s.path("else").asText("end"));
            }
            case "fail" -> {
                return new Fail(name, s.path("message").asText("failed on purpose"));
            }
            default -> throw new IllegalArgumentException(where + ": unknown kind '" + kind
                    + "' (transform, http, wait, branch, fail)");
        }
    }
}
