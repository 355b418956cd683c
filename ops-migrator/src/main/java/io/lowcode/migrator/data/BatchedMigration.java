package io.lowcode.migrator.data;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A business-data migration applied in keyset batches over a table with a {@code BIGINT} key. The
 * {@link BatchRunner} owns the transaction of each batch (timeouts, checkpoint, commit); the migration only
 * changes the rows of one key range.
 */
public interface BatchedMigration {

    String name();

    String schema();

    String table();

    /** The table's {@code BIGINT} primary key, the order of the batches. */
    String key();

    /**
     * Changes the rows with {@code lowerExclusive < key <= upperInclusive}, inside the runner's transaction.
     *
     * @return rows changed
     * @throws InvalidRowException when a row cannot be migrated (nothing of the batch is kept)
     */
    long apply(Connection connection, long lowerExclusive, long upperInclusive) throws SQLException;

    /** The statement {@link #apply} runs, with {@code ?} for the key bounds, for {@code plan --sql}. */
    String batchSql();

    /** A query counting the rows still to migrate: 0 once the migration is complete (validation). */
    String remainingSql();

    String qualifiedTable();

    /**
     * The row's content this migration transforms, in the shape before it, as an SQL expression over the columns
     * of {@code alias} (NULL: the row has nothing to transform). With {@link #targetForm} it defines what "no data
     * lost" means for the step: every row of a copy taken before it, present afterwards with
     * {@code targetForm(after) = sourceForm(before)}.
     */
    String sourceForm(String alias);

    /** The same content in the shape after the migration, as an SQL expression over the columns of {@code alias}. */
    String targetForm(String alias);

    /** A row the migration cannot transform; the run stops and the step is rolled back or stays resumable. */
    final class InvalidRowException extends SQLException {
        public InvalidRowException(String message) {
            super(message);
        }
    }
}
