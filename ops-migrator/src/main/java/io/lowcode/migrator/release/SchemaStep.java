package io.lowcode.migrator.release;

import java.util.List;

/**
 * Flyway versioned scripts of one module schema, from {@code fromVersion} (exclusive) to {@code toVersion}
 * (inclusive). The way back is one down script per version, {@code releases/<release>/<schema>/U<v>__*.sql}.
 *
 * @param dropsTablesOnRollback tables whose rows the way back loses (created by this step); rollback refuses
 *                              while they hold rows unless told {@code --allow-data-loss}
 */
public record SchemaStep(String id, String schema, int fromVersion, int toVersion, String description,
        List<String> dependsOn, List<String> dropsTablesOnRollback) implements Step {

    @Override
    public Kind kind() {
        return Kind.SCHEMA;
    }
}
