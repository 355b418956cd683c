package io.lowcode.migrator.release;

import java.util.List;

/**
 * One platform release: its steps in order (schema DDL, data, configuration), the class it declares, the
 * tables backed up before it runs ({@code schema.table}), and the rules validated after it.
 */
public record Release(String version, Compatibility declared, String summary, List<Step> steps,
        List<String> backupTables) {

    public Step step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + id + " in " + version));
    }
}
