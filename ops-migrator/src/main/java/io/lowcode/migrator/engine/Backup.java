package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lowcode.migrator.validate.Checksums;

/**
 * A copy of each table a release transforms, in schema {@code ops_migrator_backup_r<run>} ({@code CREATE TABLE ...
 * AS TABLE}), with row count, checksum and the snapshot it was taken in recorded in {@code ops_migrator.backup}.
 * Taken before a release runs (purpose {@code release}: the rows the data steps must transform, the state a rollback
 * compares with) and before a release's way back (purpose {@code rollback}: the rows the way back must transform).
 * The table's {@link ChangeLog} starts first, so every write made after the copy is known. Not a database backup
 * (that is {@code backup}, see {@code io.lowcode.migrator.backup}): the rows the release transforms, used to verify
 * it and as a last resort to restore them.
 */
public final class Backup {

    public static final String RELEASE = "release";
    public static final String ROLLBACK = "rollback";

    private Backup() {
    }

    /** @return the copies taken, by source table */
    public static Map<String, EngineState.BackupInfo> take(Db db, EngineState state, Progress progress, long runId,
            String release, String purpose, Iterable<String> tables) throws SQLException {
        String schema = "ops_migrator_backup_r" + runId;
        Map<String, EngineState.BackupInfo> taken = new LinkedHashMap<>();
        try (Connection c = db.connect()) {
            for (String table : tables) {
                String[] parts = table.split("\\.");
                if (Checksums.table(c, table).equals("absent")) {
                    continue;
                }
                ChangeLog.track(c, table);
                String copy = schema + "." + parts[0] + "__" + parts[1] + (purpose.equals(RELEASE) ? "" : "__before_" + purpose);
                long started = System.nanoTime();
                String snapshot;
                String checksum;
                // one snapshot for the copy, its checksum and the snapshot recorded with it
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT pg_current_snapshot()::text")) {
                        rs.next();
                        snapshot = rs.getString(1);
                    }
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                    s.execute("DROP TABLE IF EXISTS " + copy);
                    s.execute("CREATE TABLE " + copy + " AS TABLE " + table);
                    checksum = Checksums.copy(c, copy, table);
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                long rows = Long.parseLong(checksum.substring(0, checksum.indexOf(':')));
                EngineState.BackupInfo info = new EngineState.BackupInfo(runId, table, copy, rows, checksum, snapshot);
                state.saveBackup(runId, release, purpose, info);
                taken.put(table, info);
                progress.say("%s copy %s -> %s: %,d rows, checksum %s (%.1f s)", purpose, table, copy, rows, checksum,
                        (System.nanoTime() - started) / 1e9);
            }
        }
        return taken;
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
                s.execute("SET LOCAL " + ChangeLog.OWN_WRITE + " = 'on'");
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
