package io.lowcode.migrator.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.PostgresServer;
import io.lowcode.migrator.data.SplitPermissions;
import io.lowcode.migrator.engine.Backup;
import io.lowcode.migrator.engine.ChangeLog;
import io.lowcode.migrator.engine.Db;
import io.lowcode.migrator.engine.EngineState;
import io.lowcode.migrator.engine.Progress;
import io.lowcode.migrator.validate.Validator.Check;

/**
 * The row-by-row check of a data step against the copy taken before it, on a real PostgreSQL: the application's
 * writes after the copy are information, a row the migration lost or transformed wrongly fails the check.
 */
class TransformationsTest {

    private static final String TABLE = "t_split.user_permission";
    private static LocalStack stack;
    private static PGSimpleDataSource dataSource;
    private final SplitPermissions split = new SplitPermissions("t_split");
    private EngineState state;
    private Db db;

    @BeforeAll
    static void startPostgres() throws SQLException {
        stack = LocalStack.start(LocalStack.Settings.ephemeral(0));
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE transformations");
        }
        dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:" + stack.postgres().port() + "/transformations");
        dataSource.setUser(PostgresServer.USER);
        dataSource.setPassword(PostgresServer.PASSWORD);
    }

    @AfterAll
    static void stopPostgres() {
        stack.close();
    }

    @BeforeEach
    void freshTable() throws SQLException {
        state = new EngineState(dataSource);
        state.ensureSchema();
        db = new Db("test", dataSource, null);
        exec(false, "DROP SCHEMA IF EXISTS t_split CASCADE", "CREATE SCHEMA t_split",
                "CREATE TABLE " + TABLE + " (id BIGSERIAL PRIMARY KEY, user_id UUID NOT NULL, permission TEXT,"
                        + " granted_at TIMESTAMPTZ NOT NULL, granted_by TEXT NOT NULL, resource_type TEXT, resource_id TEXT,"
                        + " action TEXT)",
                "INSERT INTO " + TABLE + " (user_id, permission, granted_at, granted_by) SELECT gen_random_uuid(),"
                        + " 'function-unit:res-' || g || ':read', now(), 'admin' FROM generate_series(1, 20) g",
                "DELETE FROM ops_migrator.changed_row", "DROP TRIGGER IF EXISTS ops_migrator_changes ON " + TABLE);
    }

    @Test
    void rowsTheApplicationWroteAfterTheCopyAreCountedAsInformationNotCompared() throws Exception {
        EngineState.BackupInfo copy = copy();
        // the application: one grant changed, one revoked, one made after the copy
        exec(false, "UPDATE " + TABLE + " SET permission = 'workflow:w-1:run' WHERE id = 5",
                "DELETE FROM " + TABLE + " WHERE id = 6",
                "INSERT INTO " + TABLE + " (user_id, permission, granted_at, granted_by) VALUES (gen_random_uuid(),"
                        + " 'report:r-9:read', now(), 'admin')");
        splitEverything();

        Check check = check(copy);
        assertThat(check.passed()).as(check.detail()).isTrue();
        assertThat(check.detail()).contains("20 row(s) of the copy", "18 in the new form, 0 lost, 0 wrong",
                "2 written by the application since");
    }

    @Test
    void aRowTheMigrationLostOrTransformedWronglyFailsTheCheckNamingIt() throws Exception {
        EngineState.BackupInfo copy = copy();
        splitEverything();
        // what a faulty migration would do: invisible to the change log, as the migrator's own writes are
        exec(true, "DELETE FROM " + TABLE + " WHERE id = 3", "UPDATE " + TABLE + " SET action = 'write' WHERE id = 4");

        Check check = check(copy);
        assertThat(check.passed()).isFalse();
        assertThat(check.detail()).contains("1 lost, 1 wrong", "e.g. 3 lost",
                "4: 'function-unit:res-4:write' instead of 'function-unit:res-4:read'");
    }

    @Test
    void aWriteInFlightWhileTheCopyWasTakenCountsAsWrittenAfterTheCopy() throws Exception {
        try (Connection tracker = dataSource.getConnection()) {
            ChangeLog.track(tracker, TABLE); // as in a release: the change log starts before the copy
        }
        try (Connection writer = dataSource.getConnection(); Statement s = writer.createStatement()) {
            writer.setAutoCommit(false);
            s.execute("UPDATE " + TABLE + " SET permission = 'workflow:late:run' WHERE id = 2");
            EngineState.BackupInfo copy = copy(); // the writer has not committed: the copy has the old row
            writer.commit();
            splitEverything();

            Check check = check(copy);
            assertThat(check.passed()).as(check.detail()).isTrue();
            assertThat(check.detail()).contains("19 in the new form, 0 lost, 0 wrong", "1 written by the application since");
        }
    }

    private EngineState.BackupInfo copy() throws SQLException {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), false, null);
        long run = state.startRun("test", null, null);
        return Backup.take(db, state, quiet, run, "test", Backup.RELEASE, List.of(TABLE)).get(TABLE);
    }

    private void splitEverything() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL ops_migrator.own_write = 'on'");
            split.apply(c, 0, Long.MAX_VALUE);
            c.commit();
        }
    }

    private Check check(EngineState.BackupInfo copy) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Transformations.transformed(c, "split", split, copy);
        }
    }

    private static void exec(boolean asMigrator, String... sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (asMigrator) {
                s.execute("SET ops_migrator.own_write = 'on'");
            }
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }
}
