package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Puts the rows of the backup back into the table (same column names, whatever their order): the way
     * back of last resort when rows changed after the backup. What was written since is lost.
     */
    public static void restore(Db db, Progress progress, EngineState.BackupInfo backup) throws SQLException {
        String[] t = backup.source().split("\\.");
        String[] b = backup.backup().split("\\.");
        List<String> columns = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT s.column_name FROM information_schema.columns s JOIN information_schema.columns k
                  ON k.table_schema = ? AND k.table_name = ? AND k.column_name = s.column_name
                WHERE s.table_schema = ? AND s.table_name = ? ORDER BY s.ordinal_position""")) {
            ps.setString(1, b[0]);
            ps.setString(2, b[1]);
            ps.setString(3, t[0]);
            ps.setString(4, t[1]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(Checksums.quote(rs.getString(1)));
                }
            }
            String list = String.join(", ", columns);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '10s'");
                int deleted = s.executeUpdate("DELETE FROM " + backup.source());
                int inserted = s.executeUpdate("INSERT INTO " + backup.source() + " (" + list + ") SELECT " + list
                        + " FROM " + backup.backup());
                c.commit();
                progress.say("restored %s from %s: %,d rows replaced by %,d", backup.source(), backup.backup(), deleted,
                        inserted);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
