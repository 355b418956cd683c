package io.lowcode.migrator.release;

import java.util.List;
import java.util.Map;

/**
 * Per-environment platform parameters in {@code ops_migrator.platform_config}. The way back restores the
 * values (or absence) recorded when the step was applied.
 *
 * @param values environment ({@code dev}, {@code staging}, {@code prod}) → key → value
 */
public record ConfigStep(String id, String description, List<String> dependsOn,
        Map<String, Map<String, String>> values) implements Step {

    public static final String SCHEMA = "ops_migrator";

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public Kind kind() {
        return Kind.CONFIG;
    }
}
