package io.lowcode.eventschema.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rule for step names of a workflow definition ({@code {"steps": [{"name": …}, …]}}), checked by the workstation
 * when a version is published and by the portal before it runs one: 1 to {@value #MAX_LENGTH} characters, letters,
 * digits, {@code _ . -}, starting with a letter or digit, unique in the definition. Names go into events
 * ({@code stepName}, {@code failedStep}), URLs of the portal's API and logs, so they are kept short and plain.
 */
public final class StepNames {

    /** Longest step name. */
    public static final int MAX_LENGTH = 64;
    /** What a step name looks like. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX_LENGTH - 1) + "}");

    private StepNames() {
    }

    /** Whether {@code name} is a valid step name. */
    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * What is wrong with the step names of {@code definition} (empty when nothing is, or when it has no
     * {@code steps} array — other checks judge the rest of a definition).
     */
    public static List<String> problems(JsonNode definition) {
        List<String> problems = new ArrayList<>();
        JsonNode steps = definition == null ? null : definition.get("steps");
        if (steps == null || !steps.isArray()) {
            return problems;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode name = steps.get(i).get("name");
            if (name == null) {
                continue; // the portal names it step-<n>
            }
            if (!name.isTextual() || !valid(name.asText())) {
                problems.add("/steps/" + i + "/name: must be 1 to " + MAX_LENGTH
                        + " letters, digits, '_', '.' or '-', starting with a letter or digit");
            } else if (!seen.add(name.asText())) {
                problems.add("/steps/" + i + "/name: '" + name.asText() + "' is used twice");
            }
        }
        return problems;
    }
}
