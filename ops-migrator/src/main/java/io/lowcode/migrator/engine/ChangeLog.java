package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import io.lowcode.migrator.validate.Checksums;

/**
 * Which rows of a table someone other than the migrator wrote, and when: a row trigger
 * ({@code ops_migrator_changes}) on each table a release transforms records the key of every row the
 * application inserts, updates or deletes, with the writing transaction's id, in {@code ops_migrator.changed_row}.
 * The migrator's own sessions set {@value #OWN_WRITE} and are not recorded.
 *
 * <p>With the snapshot a row copy was taken in ({@code pg_current_snapshot()}), "written after the copy" is exact:
 * the writer's transaction is not visible in that snapshot. Validation and rollback verification compare only the
 * rows nobody wrote since their copy, and report the others as information. The trigger is installed before a
 * release's backup and stays while that release can be rolled back (its way back removes it); one row per key
 * written is kept.
 */
public final class ChangeLog {

    /** The session setting that marks the migrator's own writes (batches, down scripts, restores). */
    public static final String OWN_WRITE = "ops_migrator.own_write";
    static final String TRIGGER = "ops_migrator_changes";

    private static final Pattern SNAPSHOT = Pattern.compile("\\d+:\\d+:[\\d,]*");

    /** Part of {@link EngineState}'s DDL: the log table and the trigger function. */
    static final String DDL = """
            CREATE TABLE IF NOT EXISTS ops_migrator.changed_row (
                table_name  TEXT NOT NULL,
                row_key     TEXT NOT NULL,
                xid         xid8 NOT NULL,
                operation   TEXT NOT NULL,
                changed_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
                PRIMARY KEY (table_name, row_key));
            DO $do$
            BEGIN
                IF to_regprocedure('ops_migrator.log_change()') IS NULL THEN
                    -- SECURITY DEFINER: the services' database users need no privilege on ops_migrator
                    CREATE FUNCTION ops_migrator.log_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
                    SET search_path = pg_catalog AS $fn$
                    BEGIN
                        INSERT INTO ops_migrator.changed_row (table_name, row_key, xid, operation)
                        VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME,
                                CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END ->> TG_ARGV[0],
                                pg_current_xact_id(), TG_OP)
                        ON CONFLICT (table_name, row_key) DO UPDATE SET xid = EXCLUDED.xid,
                            operation = EXCLUDED.operation, changed_at = EXCLUDED.changed_at;
                        RETURN NULL;
                    END
                    $fn$;
                END IF;
            END
            $do$;
            """;

    private ChangeLog() {
    }

    /** Starts recording the application's writes to {@code table} (nothing happens if it already is). */
    public static void track(Connection c, String table) throws SQLException {
        if (tracked(c, table)) {
            return;
        }
        String key = singleKey(c, table);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // CREATE TRIGGER waits for the writers in flight; a bounded wait, like the schema steps
            s.execute("SET LOCAL lock_timeout = '10s'");
            s.execute("CREATE TRIGGER " + TRIGGER + " AFTER INSERT OR UPDATE OR DELETE ON " + table
                    + " FOR EACH ROW WHEN (current_setting('" + OWN_WRITE + "', true) IS DISTINCT FROM 'on')"
                    + " EXECUTE FUNCTION ops_migrator.log_change('" + key + "')");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Stops recording writes to {@code table} and forgets what was recorded. */
    public static void forget(Connection c, String table) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement();
                PreparedStatement ps = c.prepareStatement("DELETE FROM ops_migrator.changed_row WHERE table_name = ?")) {
            s.execute("SET LOCAL lock_timeout = '2s'");
            if (tracked(c, table)) {
                s.execute("DROP TRIGGER " + TRIGGER + " ON " + table);
            }
            ps.setString(1, table);
            ps.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    public static boolean tracked(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_trigger WHERE tgname = ?"
                + " AND tgrelid = to_regclass(?)")) {
            ps.setString(1, TRIGGER);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * A SQL condition: the row of {@code table} whose key is {@code keyExpression} was written by the application
     * after {@code snapshot} (a copy's {@code pg_current_snapshot()}).
     */
    public static String writtenAfter(String table, String keyExpression, String snapshot) {
        if (snapshot == null || !SNAPSHOT.matcher(snapshot).matches()) {
            throw new IllegalArgumentException("not a pg_snapshot: " + snapshot);
        }
        return "EXISTS (SELECT 1 FROM ops_migrator.changed_row w WHERE w.table_name = '" + table.replace("'", "''")
                + "' AND w.row_key = (" + keyExpression + ")::text AND NOT pg_visible_in_snapshot(w.xid, '" + snapshot
                + "'::pg_snapshot))";
    }

    /** The one-column primary key of a table whose rows are tracked (a release transforms such tables only). */
    public static String singleKey(Connection c, String table) throws SQLException {
        String[] parts = table.split("\\.");
        List<String> key = Checksums.primaryKey(c, parts[0], parts[1]);
        if (key.size() != 1) {
            throw new MigratorException(table + " has no one-column primary key: its rows cannot be tracked",
                    ExitCodes.REFUSED);
        }
        return key.get(0);
    }
}
