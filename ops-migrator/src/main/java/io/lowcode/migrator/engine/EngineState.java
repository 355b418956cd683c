package io.lowcode.migrator.engine;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

/**
 * The migrator's own state in schema {@code ops_migrator}, created by the migrator itself: runs and their
 * steps (history with progress), checkpoints of data migrations, applied data/config steps, the pause flag,
 * schema snapshots taken before each release, backups, and the per-environment platform configuration.
 */
public final class EngineState {

    public static final String SCHEMA = "ops_migrator";

    /** {@code ops_migrator/state.sql} and the change log's table and function. */
    private static final String DDL = Db.resource("ops_migrator/state.sql")
            .orElseThrow(() -> new IllegalStateException("ops_migrator/state.sql is not bundled")) + ChangeLog.DDL;

    private final DataSource dataSource;

    public EngineState(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public void ensureSchema() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(DDL);
        } catch (SQLException e) {
            throw new MigratorException("cannot create the migrator's schema ops_migrator: " + e.getMessage(), e);
        }
    }

    /**
     * Lets {@code readers} read the migrator's state and the Flyway history of {@code moduleSchemas} (SELECT only, and
     * USAGE on those schemas); roles that do not exist are skipped. Idempotent.
     */
    public void grantReaders(List<String> readers, List<String> moduleSchemas) {
        for (String reader : readers) {
            String role = reader.strip();
            if (role.isEmpty() || queryLong("SELECT count(*) FROM pg_roles WHERE rolname = ?", role) == 0) {
                continue;
            }
            String quoted = "\"" + role.replace("\"", "\"\"") + "\"";
            update("GRANT USAGE ON SCHEMA ops_migrator TO " + quoted);
            update("GRANT SELECT ON ALL TABLES IN SCHEMA ops_migrator TO " + quoted);
            for (String schema : moduleSchemas) {
                if (queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = ? AND tablename = 'flyway_schema_history'",
                        schema) > 0) {
                    update("GRANT USAGE ON SCHEMA " + schema + " TO " + quoted);
                    update("GRANT SELECT ON " + schema + ".flyway_schema_history TO " + quoted);
                }
            }
        }
    }

    /** Whether {@code ops_migrator} exists (read-only commands never create it). */
    public boolean exists() {
        return queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'ops_migrator'") > 0
                && queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'ops_migrator' AND tablename = 'config_backup'") > 0;
    }

    public long startRun(String command, String from, String to) {
        return queryLong("INSERT INTO ops_migrator.run (command, from_release, to_release, status, host, pid)"
                + " VALUES (?, ?, ?, 'RUNNING', ?, ?) RETURNING run_id", command, from, to, host(),
                ProcessHandle.current().pid());
    }

    public void endRun(long runId, String status, String reason) {
        update("UPDATE ops_migrator.run SET status = ?, reason = ?, ended_at = clock_timestamp() WHERE run_id = ?",
                status, reason, runId);
    }

    /** Runs left RUNNING by a process that died (we hold the lock, so nobody else runs): INTERRUPTED. */
    public int markInterrupted() {
        update("UPDATE ops_migrator.step_run SET status = 'INTERRUPTED', ended_at = clock_timestamp(),"
                + " reason = 'the migrator process ended without finishing this step' WHERE status = 'RUNNING'");
        return (int) update("UPDATE ops_migrator.run SET status = 'INTERRUPTED', ended_at = clock_timestamp(),"
                + " reason = 'the migrator process ended (killed or crashed) during the run' WHERE status = 'RUNNING'");
    }

    /** The target of the latest {@code migrate}/{@code resume} run, which {@code resume} continues. */
    public Optional<String> lastMigrateTarget() {
        return queryString("SELECT to_release FROM ops_migrator.run WHERE command IN ('migrate', 'resume')"
                + " ORDER BY run_id DESC LIMIT 1");
    }

    public long startStep(long runId, String release, String stepId, String kind, String direction) {
        return queryLong("INSERT INTO ops_migrator.step_run (run_id, release, step_id, kind, direction, status)"
                + " VALUES (?, ?, ?, ?, ?, 'RUNNING') RETURNING id", runId, release, stepId, kind, direction);
    }

    public void endStep(long stepRunId, String status, String reason) {
        update("UPDATE ops_migrator.step_run SET status = ?, reason = ?, ended_at = clock_timestamp() WHERE id = ?",
                status, reason, stepRunId);
    }

    public void stepProgress(long stepRunId, long done, long total, double rate, Long resumedFrom) {
        update("UPDATE ops_migrator.step_run SET rows_done = ?, rows_total = ?, rows_per_second = ?,"
                + " resumed_from_key = coalesce(resumed_from_key, ?) WHERE id = ?", done, total, rate, resumedFrom, stepRunId);
    }

    /** The worst of each resource seen during the step. */
    public void stepResources(long stepRunId, ResourceWatch.Peaks p) {
        if (p != null) {
            update("UPDATE ops_migrator.step_run SET peak_connections = ?, max_connections = ?, database_bytes = ?,"
                    + " min_free_disk_bytes = ?, peak_heap_bytes = ?, max_heap_bytes = ? WHERE id = ?", p.connections(),
                    p.maxConnections(), p.databaseBytes(), p.minFreeDiskBytes(), p.heapUsedBytes(), p.heapMaxBytes(),
                    stepRunId);
        }
    }

    public Set<String> appliedSteps() {
        Set<String> applied = new HashSet<>();
        if (!exists()) {
            return applied;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT step_id FROM ops_migrator.applied_step")) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new MigratorException("cannot read ops_migrator.applied_step: " + e.getMessage(), e);
        }
        return applied;
    }

    public void markApplied(Connection c, String stepId, String release, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ops_migrator.applied_step (step_id, release, run_id)"
                + " VALUES (?, ?, ?) ON CONFLICT (step_id) DO NOTHING")) {
            ps.setString(1, stepId);
            ps.setString(2, release);
            ps.setLong(3, runId);
            ps.executeUpdate();
        }
    }

    public void markApplied(String stepId, String release, long runId) {
        update("INSERT INTO ops_migrator.applied_step (step_id, release, run_id) VALUES (?, ?, ?)"
                + " ON CONFLICT (step_id) DO NOTHING", stepId, release, runId);
    }

    public void unmarkApplied(String stepId) {
        update("DELETE FROM ops_migrator.applied_step WHERE step_id = ?", stepId);
        update("DELETE FROM ops_migrator.checkpoint WHERE step_id = ?", stepId);
    }

    public Optional<Checkpoint> checkpoint(String stepId, String direction) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_key, rows_done, rows_total FROM ops_migrator.checkpoint WHERE step_id = ? AND direction = ?")) {
            ps.setString(1, stepId);
            ps.setString(2, direction);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getLong(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new MigratorException("cannot read the checkpoint of " + stepId + ": " + e.getMessage(), e);
        }
    }

    public void clearCheckpoint(String stepId, String direction) {
        update("DELETE FROM ops_migrator.checkpoint WHERE step_id = ? AND direction = ?", stepId, direction);
    }

    /** Written in the batch's own transaction: the batch and its checkpoint commit together. */
    public static void saveCheckpoint(Connection c, String stepId, String direction, long lastKey, long done,
            long total, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO ops_migrator.checkpoint (step_id, direction, last_key, rows_done, rows_total, run_id)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (step_id, direction) DO UPDATE SET last_key = excluded.last_key,
                    rows_done = excluded.rows_done, rows_total = excluded.rows_total, run_id = excluded.run_id,
                    updated_at = clock_timestamp()""")) {
            ps.setString(1, stepId);
            ps.setString(2, direction);
            ps.setLong(3, lastKey);
            ps.setLong(4, done);
            ps.setLong(5, total);
            ps.setLong(6, runId);
            ps.executeUpdate();
        }
    }

    public record Checkpoint(long lastKey, long rowsDone, long rowsTotal) {
    }

    public boolean pauseRequested(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pause_requested FROM ops_migrator.control WHERE id = 1")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    public void requestPause(boolean pause) {
        update("UPDATE ops_migrator.control SET pause_requested = ?, requested_at = clock_timestamp(), requested_by = ?"
                + " WHERE id = 1", pause, System.getProperty("user.name") + "@" + host());
    }

    public boolean pauseRequested() {
        return exists() && queryLong("SELECT count(*) FROM ops_migrator.control WHERE pause_requested") > 0;
    }

    public void saveSnapshot(long runId, String release, String schema, String checksum) {
        update("INSERT INTO ops_migrator.snapshot (run_id, release, schema_name, schema_checksum) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", runId, release, schema, checksum);
    }

    /** The schema checksum taken before {@code release} was (last) applied. */
    public Optional<String> snapshotBefore(String release, String schema) {
        return queryString("SELECT schema_checksum FROM ops_migrator.snapshot WHERE release = ? AND schema_name = ?"
                + " ORDER BY run_id DESC LIMIT 1", release, schema);
    }

    public void saveBackup(long runId, String release, String purpose, BackupInfo b) {
        update("INSERT INTO ops_migrator.backup (run_id, release, purpose, source_table, backup_table, row_count, checksum,"
                + " snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", runId, release, purpose, b.source(), b.backup(), b.rows(),
                b.checksum(), b.snapshot());
    }

    /**
     * A copy of a table ({@link Backup}).
     *
     * @param snapshot the {@code pg_snapshot} the copy was taken in (null for copies made by older migrators)
     */
    public record BackupInfo(long runId, String source, String backup, long rows, String checksum, String snapshot) {
    }

    /** Where a complete database backup was written ({@code backup}, or {@code migrate} before a breaking release). */
    public void saveDatabaseBackup(Long runId, String beforeRelease, String location, String platformRelease, int tables,
            long rows, long bytes, double seconds, boolean verified) {
        update("INSERT INTO ops_migrator.database_backup (run_id, before_release, location, platform_release, tables,"
                + " total_rows, bytes, seconds, verified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", runId, beforeRelease, location,
                platformRelease, tables, rows, bytes, seconds, verified);
    }

    public void deleteBackup(long runId, String source, String purpose) {
        update("DELETE FROM ops_migrator.backup WHERE run_id = ? AND source_table = ? AND purpose = ?", runId, source, purpose);
    }

    /** The latest copy of each table taken before {@code release} ran. */
    public List<BackupInfo> backupsBefore(String release) {
        List<BackupInfo> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT ON (source_table) run_id, source_table, backup_table, row_count, checksum, snapshot
                FROM ops_migrator.backup WHERE release = ? AND purpose = 'release' ORDER BY source_table, run_id DESC""")) {
            ps.setString(1, release);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new BackupInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new MigratorException("cannot read ops_migrator.backup: " + e.getMessage(), e);
        }
        return result;
    }

    public long queryLong(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new MigratorException(e.getMessage(), e);
        }
    }

    public Optional<String> queryString(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new MigratorException(e.getMessage(), e);
        }
    }

    public long update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new MigratorException(e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
