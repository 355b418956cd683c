package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.lowcode.migrator.validate.Checksums;

/**
 * Before a release runs, a copy of each table it rewrites into schema {@code ops_migrator_backup_r<run>}
 * ({@code CREATE TABLE ... AS TABLE}), with row count and checksum recorded in {@code ops_migrator.backup}.
 * Not a database backup (no pg_dump, no other tables, no sequences): a verified copy of the rows the release
 * transforms, used to verify a rollback and as a last resort to restore them by hand.
 */
public final class Backup {

    private Backup() {
    }

    public static void take(Db db, EngineState state, Progress progress, long runId, String release, Iterable<String> tables)
            throws SQLException {
        String schema = "ops_migrator_backup_r" + runId;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String table : tables) {
                String[] parts = table.split("\\.");
                if (Checksums.table(c, table).equals("absent")) {
                    continue;
                }
                String copy = schema + "." + parts[0] + "__" + parts[1];
                long started = System.nanoTime();
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                s.execute("DROP TABLE IF EXISTS " + copy);
                s.execute("CREATE TABLE " + copy + " AS TABLE " + table);
                String checksum = Checksums.copy(c, copy, table);
                long rows = Long.parseLong(checksum.substring(0, checksum.indexOf(':')));
                state.saveBackup(runId, release, table, copy, rows, checksum);
                progress.say("backup %s -> %s: %,d rows, checksum %s (%.1f s)", table, copy, rows, checksum,
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }
}
