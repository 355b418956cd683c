package io.lowcode.migrator;

import static io.lowcode.migrator.SampleData.count;
import static io.lowcode.migrator.SampleData.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lowcode.localstack.ChildJvm;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.PostgresServer;

/**
 * The packaged CLI ({@code target/quarkus-app/quarkus-run.jar}) as child processes, as Kubernetes or ops run
 * it: killed with SIGKILL in the middle of the 2.0.0 data migration and resumed; two migrators at once;
 * pause and resume.
 */
class MigratorProcessIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static LocalStack stack;

    @TempDir
    Path logs;

    @BeforeAll
    static void startPostgres() {
        stack = LocalStack.start(LocalStack.Settings.ephemeral(0));
    }

    @AfterAll
    static void stopPostgres() {
        stack.close();
    }

    private record Cli(Process process, Path out, Path err) {
        String output() throws IOException {
            return Files.readString(out) + Files.readString(err);
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the migrator finished").isTrue();
            return process.exitValue();
        }
    }

    private Cli start(String database, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable(), "-Xmx256m", "-jar",
                System.getProperty("migrator.jar", "target/quarkus-app/quarkus-run.jar")));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(logs, "migrator-", ".out");
        Path err = Files.createTempFile(logs, "migrator-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", url(database));
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        builder.directory(new File("."));
        return new Cli(builder.start(), out, err);
    }

    private Cli run(String database, int expectedExit, String... args) throws Exception {
        Cli cli = start(database, args);
        assertThat(cli.awaitExit()).as(String.join(" ", args) + ":\n" + cli.output()).isEqualTo(expectedExit);
        return cli;
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + stack.postgres().port() + "/" + database;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private void prepare(String database, int grants) throws Exception {
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        run(database, 0, "migrate", "--target", "1.2.0");
        try (Connection c = connect(database)) {
            SampleData.fill100(c, 10);
            SampleData.fill110(c, 300, grants);
            exec(c, "CREATE TABLE public.expected AS SELECT id, permission FROM admin_center.user_permission");
            exec(c, "ANALYZE");
        }
    }

    private static long[] checkpoint(String database) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT last_key, rows_done FROM ops_migrator.checkpoint WHERE step_id = '2.0.0/admin_center/split-permissions'")) {
            return rs.next() ? new long[] { rs.getLong(1), rs.getLong(2) } : new long[] { 0, 0 };
        }
    }

    private static void assertAllConverted(String database, long rows) throws SQLException {
        try (Connection c = connect(database)) {
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission p JOIN public.expected e USING (id)"
                    + " WHERE p.resource_type || ':' || p.resource_id || ':' || p.action = e.permission")).isEqualTo(rows);
            assertThat(count(c, "SELECT max(version::int) FROM admin_center.flyway_schema_history")).isEqualTo(13);
        }
    }

    @Test
    void aMigratorKilledDuringTheDataMigrationResumesFromItsLastCheckpoint() throws Exception {
        String db = "killed";
        int rows = 300_000;
        prepare(db, rows);
        Cli first = start(db, "migrate", "--batch-size", "2000", "--max-rate", "30000");
        await().atMost(PATIENCE).until(() -> checkpoint(db)[1] >= 30_000);
        first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no rollback, no history update
        first.awaitExit();

        long[] killedAt = checkpoint(db);
        assertThat(killedAt[1]).isBetween(30_000L, rows - 1L);
        try (Connection c = connect(db)) {
            // the checkpoint committed with its batch: exactly the rows up to it are converted
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission WHERE resource_type IS NOT NULL"))
                    .isEqualTo(killedAt[1]);
            assertThat(count(c, "SELECT max(id) FROM admin_center.user_permission WHERE resource_type IS NOT NULL"))
                    .isEqualTo(killedAt[0]);
        }
        // the server drops the dead session and with it the advisory lock: nothing stays stuck
        await().atMost(PATIENCE).until(() -> {
            try (Connection c = connect(db)) {
                return count(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == 0;
            }
        });

        Cli second = run(db, 0, "migrate", "--batch-size", "2000");
        assertThat(second.output()).contains("an earlier run was interrupted",
                "resuming from key " + killedAt[0] + " (" + String.format(java.util.Locale.ROOT, "%,d", killedAt[1]));
        assertAllConverted(db, rows);
        try (Connection c = connect(db)) {
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.run WHERE command = 'migrate' AND status = 'INTERRUPTED'"))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT resumed_from_key FROM ops_migrator.step_run WHERE step_id ="
                    + " '2.0.0/admin_center/split-permissions' AND status = 'SUCCEEDED'")).isEqualTo(killedAt[0]);
        }
    }

    @Test
    void aSecondMigratorExitsWithCodeFourAndAPausedMigrationResumesWhereItStopped() throws Exception {
        String db = "concurrent";
        int rows = 200_000;
        prepare(db, rows);
        Cli first = start(db, "migrate", "--batch-size", "1000", "--max-rate", "15000");
        await().atMost(PATIENCE).until(() -> checkpoint(db)[1] > 0);

        Cli second = run(db, 4, "migrate");
        assertThat(second.output()).contains("another ops-migrator is running (ops-migrator migrate pid "
                + first.process().pid());

        run(db, 0, "pause");
        assertThat(first.awaitExit()).as(first.output()).isEqualTo(3);
        long[] pausedAt = checkpoint(db);
        assertThat(pausedAt[1]).isBetween(1L, rows - 1L);
        assertThat(first.output()).contains("paused at key " + pausedAt[0]);
        try (Connection c = connect(db)) {
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.run WHERE status = 'PAUSED'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.step_run WHERE status = 'PAUSED'"
                    + " AND step_id = '2.0.0/admin_center/split-permissions'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM admin_center.user_permission WHERE resource_type IS NOT NULL"))
                    .isEqualTo(pausedAt[1]);
        }
        assertThat(run(db, 0, "status").output()).contains("pause requested", "checkpoint: 2.0.0/admin_center/split-permissions UP");

        Cli resumed = run(db, 0, "resume");
        assertThat(resumed.output()).contains("resuming from key " + pausedAt[0], "the platform is at 2.3.0");
        assertAllConverted(db, rows);
    }
}
