package io.lowcode.migrator.release;

import java.util.List;

import io.lowcode.migrator.data.BatchedMigration;

/**
 * A batched business-data migration (Java) over one table, with its way back.
 *
 * @param onFailure what a failed run does: roll the whole release back, or stay resumable at its checkpoint
 */
public record DataStep(String id, String schema, String description, List<String> dependsOn,
        BatchedMigration forward, BatchedMigration backward, OnFailure onFailure) implements Step {

    public enum OnFailure { ROLLBACK, RESUMABLE }

    @Override
    public Kind kind() {
        return Kind.DATA;
    }
}
