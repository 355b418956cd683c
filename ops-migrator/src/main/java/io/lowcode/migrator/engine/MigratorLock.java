package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Exactly one migrator at a time: a PostgreSQL session advisory lock held on a dedicated connection for
 * the whole run. The server releases it when that session ends, also when the process was killed, so it
 * cannot stay stuck. A second migrator does not wait: it exits with {@link ExitCodes#LOCKED}.
 */
public final class MigratorLock implements AutoCloseable {

    /** "opsmig" in ASCII, a constant key every migrator version uses. */
    static final long KEY = 0x6F70736D6967L;

    private final Connection connection;

    private MigratorLock(Connection connection) {
        this.connection = connection;
    }

    public static MigratorLock acquire(DataSource dataSource, String command) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET application_name = 'ops-migrator " + command.replaceAll("[^a-z-]", "") + " pid "
                        + ProcessHandle.current().pid() + "@" + EngineState.host().replaceAll("[^A-Za-z0-9.-]", "") + "'");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new MigratorLock(c);
                    }
                }
            }
            String holder = holder(c);
            c.close();
            throw new MigratorException("another ops-migrator is running (" + holder + "); nothing was done",
                    ExitCodes.LOCKED);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new MigratorException("cannot take the migrator lock: " + e.getMessage(), e);
        }
    }

    /** Whether some migrator holds the lock now (another session; read-only commands use this). */
    public static boolean isHeld(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = ? AND objid = ?"
                        + " AND objsubid = 1")) {
            ps.setLong(1, KEY >>> 32);
            ps.setLong(2, KEY & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new MigratorException("cannot read pg_locks: " + e.getMessage(), e);
        }
    }

    private static String holder(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.application_name, a.pid, a.client_addr, a.backend_start
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 1""")) {
            ps.setLong(1, KEY >>> 32);
            ps.setLong(2, KEY & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1) + ", database session " + rs.getInt(2) + " from " + rs.getString(3)
                            + " since " + rs.getTimestamp(4);
                }
            }
        }
        return "lock held by a session that just ended";
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        } catch (SQLException e) {
            // the session ends below, which releases the lock anyway
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do
            }
        }
    }
}
