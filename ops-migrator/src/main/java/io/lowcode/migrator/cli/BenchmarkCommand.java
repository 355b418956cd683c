package io.lowcode.migrator.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.migrator.backup.BackupManifest;
import io.lowcode.migrator.backup.DatabaseBackup;
import io.lowcode.migrator.backup.DatabaseBackups;
import io.lowcode.migrator.data.SplitPermissions;
import io.lowcode.migrator.engine.BatchRunner;
import io.lowcode.migrator.engine.ChangeLog;
import io.lowcode.migrator.engine.EngineState;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.Progress;
import io.lowcode.migrator.engine.ResourceWatch;
import io.lowcode.migrator.engine.ScratchDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark}: the 2.0.0 permission split over a large copy of {@code user_permission} (in a schema of
 * its own), once as one plain {@code UPDATE} and once through the migrator's {@link BatchRunner} (keyset
 * batches, checkpoint per batch, pause check, progress), each while a writer updates random rows of the same
 * table; reports the duration, rows/s and the writer's longest stall. Not a test: numbers depend on the machine.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the batched data migration against one plain UPDATE of the same change on a table of"
                + " --rows rows (in schema --schema, dropped afterwards), with a concurrent writer; prints the"
                + " throughput of each and the longest stall each causes to the writer. --backup then measures the"
                + " backup and the verified restore of that table.")
public class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "2000000", description = "rows in the table (default ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--batch-size", defaultValue = "10000", description = "rows per batch (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--schema", defaultValue = "ops_migrator_bench", description = "scratch schema (default ${DEFAULT-VALUE})")
    String schema;

    @Option(names = "--keep", description = "keep the scratch schema afterwards")
    boolean keep;

    @Option(names = "--without-writer", description = "measure the migration alone, without the concurrent writer")
    boolean withoutWriter;

    @Option(names = "--backup", description = "then measure backup (COPY, gzip, checksums) and restore (into a scratch"
            + " database, with indexes, constraints and the comparison with the manifest) of the migrated table")
    boolean backup;

    @Option(names = "--synchronous-commit", defaultValue = "on", paramLabel = "on|off",
            description = "synchronous_commit of the benchmark's sessions (default ${DEFAULT-VALUE}, as in production;"
                    + " the embedded PostgreSQL of local-stack starts with off)")
    String synchronousCommit;

    private final Cli cli;
    private final DatabaseBackups backups;
    private final ObjectMapper json;

    public BenchmarkCommand(Cli cli, DatabaseBackups backups, ObjectMapper json) {
        this.cli = cli;
        this.backups = backups;
        this.json = json;
    }

    private boolean writer;

    /** The benchmark's own connections, so that synchronous_commit is what was asked for in every session. */
    private DataSource dataSource() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(config.getValue("quarkus.datasource.jdbc.url", String.class));
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(ds::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(ds::setPassword);
        ds.setOptions("-c synchronous_commit=" + synchronousCommit);
        return ds;
    }

    record Measure(double seconds, long writerUpdates, double maxStallMillis) {
        String line(String what, long rows) {
            return String.format(Locale.ROOT, "%-34s %7.2f s %,10.0f rows/s   writer: %,7d updates, longest stall %,8.1f ms",
                    what, seconds, rows / seconds, writerUpdates, maxStallMillis);
        }
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            if (!schema.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("unsafe schema name " + schema);
            }
            if (!synchronousCommit.matches("on|off|local|remote_write|remote_apply")) {
                throw new IllegalArgumentException("--synchronous-commit " + synchronousCommit);
            }
            writer = !withoutWriter;
            DataSource ds = dataSource();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT version(), current_setting('synchronous_commit'), current_setting('fsync'),"
                            + " current_setting('shared_buffers'), current_setting('max_wal_size')")) {
                rs.next();
                System.out.printf("%s%nsynchronous_commit=%s fsync=%s shared_buffers=%s max_wal_size=%s%n", rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            }
            EngineState state = new EngineState(ds);
            state.ensureSchema();
            SplitPermissions split = new SplitPermissions(schema);
            try {
                System.out.printf("filling %s.user_permission with %,d rows...%n", schema, rows);
                fill(ds);
                if (writer) {
                    // the noise floor: the writer's longest update while nothing else runs (commit fsync, checkpoints)
                    Measure idle = measure(ds, () -> Thread.sleep(5_000));
                    System.out.printf(Locale.ROOT, "%-34s %7.2f s %17s   writer: %,7d updates, longest stall %,8.1f ms%n",
                            "writer alone (baseline)", idle.seconds(), "", idle.writerUpdates(), idle.maxStallMillis());
                }
                Measure update = measure(ds, () -> {
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                        // the same change as one batch, over the whole table in one statement and one transaction
                        s.execute("UPDATE " + split.qualifiedTable() + " SET (resource_type, resource_id, action) ="
                                + " (SELECT m[1], m[2], m[3] FROM regexp_match(permission, '^([^:]+):(.+):([^:]+)$') m)");
                    }
                });
                check(ds, split);
                System.out.println(update.line("one UPDATE", rows));
                fill(ds);
                try (Connection c = ds.getConnection()) {
                    ChangeLog.track(c, split.qualifiedTable()); // as migrate does: the application's writes are logged
                }
                long runId = state.startRun("benchmark", null, null);
                String stepId = "benchmark/" + schema + "/split-permissions/" + runId;
                long stepRunId = state.startStep(runId, "benchmark", stepId, "DATA", "UP");
                Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), false, null);
                BatchRunner runner = new BatchRunner(ds, state, quiet, new ResourceWatch(ResourceWatch.Limits.none(), quiet));
                BatchRunner.Options options = BatchRunner.Options.defaults().withBatchSize(batchSize).withoutPause();
                Measure batched = measure(ds, () -> runner.run(runId, stepRunId, stepId, "UP", split,
                        // the writer is the load: do not back off from it, measure what it suffers
                        new BatchRunner.Options(options.batchSize(), 0, options.lockTimeout(), options.statementTimeout(),
                                options.maxRetries(), Integer.MAX_VALUE, false)));
                state.endStep(stepRunId, "SUCCEEDED", null);
                state.endRun(runId, "SUCCEEDED", null);
                state.clearCheckpoint(stepId, "UP");
                check(ds, split);
                System.out.println(batched.line("migrator batches of " + batchSize, rows));
                System.out.printf(Locale.ROOT, "batched throughput = %.0f %% of one UPDATE; writer stall %.1f ms vs %.1f ms%n",
                        100 * update.seconds() / batched.seconds(), batched.maxStallMillis(), update.maxStallMillis());
                if (backup) {
                    try (Connection c = ds.getConnection()) {
                        // its trigger calls ops_migrator.log_change(), which a backup of this schema alone lacks
                        ChangeLog.forget(c, split.qualifiedTable());
                    }
                    backupAndRestore(ds);
                }
                return ExitCodes.OK;
            } finally {
                try (Connection c = ds.getConnection()) {
                    ChangeLog.forget(c, split.qualifiedTable());
                }
                if (!keep) {
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    }
                }
            }
        });
    }

    /** Backup of the scratch schema into a temporary directory, restore into a scratch database: time and size. */
    private void backupAndRestore(DataSource ds) throws Exception {
        Path dir = Files.createTempDirectory("ops-migrator-bench-backup-");
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), false, null);
        try {
            long tableBytes;
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT pg_total_relation_size('" + schema + ".user_permission')")) {
                rs.next();
                tableBytes = rs.getLong(1);
            }
            String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
            long t0 = System.nanoTime();
            BackupManifest manifest = new DatabaseBackup(json, "ops-migrator benchmark").write(ds, url, dir.resolve("backup"),
                    List.of(schema), "benchmark", Map.of(), quiet);
            double backupSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%-34s %7.2f s %,10.0f rows/s   %,.0f MB table and indexes -> %,.0f MB backup"
                    + " (COPY binary, gzip)%n", "backup", backupSeconds, manifest.totalRows() / backupSeconds,
                    tableBytes / 1e6, manifest.totalBytes() / 1e6);
            try (ScratchDatabase scratch = ScratchDatabase.create(cli.dataSource(), "bench")) {
                long t1 = System.nanoTime();
                backups.restorer().restore(scratch.dataSource(), dir.resolve("backup"), quiet);
                double restoreSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "%-34s %7.2f s %,10.0f rows/s   rows, primary key and unique index,"
                        + " checksums compared with the manifest%n", "restore (verified)", restoreSeconds,
                        manifest.totalRows() / restoreSeconds);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} while a writer updates random rows one by one; its longest single update is the stall. */
    private Measure measure(DataSource ds, Work work) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong maxNanos = new AtomicLong();
        AtomicLong updates = new AtomicLong();
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(writer ? 1 : 0);
        Thread thread = new Thread(() -> {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE " + schema + ".user_permission SET granted_by = 'writer' WHERE id = ?")) {
                c.setAutoCommit(true);
                while (!stop.get()) {
                    ps.setLong(1, 1 + ThreadLocalRandom.current().nextLong(rows));
                    long t0 = System.nanoTime();
                    ps.executeUpdate();
                    long took = System.nanoTime() - t0;
                    maxNanos.accumulateAndGet(took, Math::max);
                    updates.incrementAndGet();
                    writing.countDown();
                }
            } catch (SQLException e) {
                System.err.println("writer failed: " + e.getMessage());
                writing.countDown();
            }
        }, "bench-writer");
        if (writer) {
            thread.start();
        }
        writing.await();
        long t0 = System.nanoTime();
        try {
            work.run();
        } finally {
            stop.set(true);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (writer) {
            thread.join();
        }
        return new Measure(seconds, updates.get(), maxNanos.get() / 1e6);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void fill(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            // admin_center.user_permission after V5 (without the foreign key and the sync trigger)
            s.execute("""
                    CREATE TABLE %1$s.user_permission (
                        id BIGSERIAL PRIMARY KEY, user_id UUID NOT NULL, permission TEXT NOT NULL,
                        granted_at TIMESTAMPTZ NOT NULL, granted_by TEXT NOT NULL,
                        resource_type TEXT, resource_id TEXT, action TEXT,
                        CONSTRAINT user_permission_unique UNIQUE (user_id, permission))""".formatted(schema));
            s.execute("""
                    INSERT INTO %1$s.user_permission (user_id, permission, granted_at, granted_by)
                    SELECT md5((g / 20)::text)::uuid,
                           (ARRAY['function-unit','workflow','report','space'])[g %% 4 + 1] || ':'
                               || CASE WHEN g %% 7 = 0 THEN '*' ELSE 'res-' || g END || ':'
                               || (ARRAY['read','edit','deploy','run','admin'])[g %% 5 + 1],
                           now() - (g || ' seconds')::interval, 'seed'
                    FROM generate_series(1, %2$d) g""".formatted(schema, rows));
            s.execute("VACUUM ANALYZE " + schema + ".user_permission");
        }
    }

    private void check(DataSource ds, SplitPermissions split) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery(split.remainingSql() + " OR resource_type || ':' || resource_id || ':' || action"
                        + " <> permission")) {
            rs.next();
            if (rs.getLong(1) != 0) {
                throw new IllegalStateException(rs.getLong(1) + " rows not migrated correctly");
            }
        }
    }
}
