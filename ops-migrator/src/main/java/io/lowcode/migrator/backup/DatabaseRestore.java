package io.lowcode.migrator.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorException;
import io.lowcode.migrator.engine.Progress;
import io.lowcode.migrator.validate.Checksums;

/**
 * Restores a {@link DatabaseBackup} into an empty database (its schemas may exist, empty, as a cluster's init
 * script creates them): structure, rows through COPY, then constraints, indexes and triggers, all in one
 * transaction that commits only when every table's row count and checksum and every schema's shape checksum equal
 * the manifest's. A failed or refused restore leaves the database as it was.
 */
public final class DatabaseRestore {

    private final ObjectMapper json;

    public DatabaseRestore(ObjectMapper json) {
        this.json = json;
    }

    /** The manifest of the backup in {@code dir}, after checking that its files are there. */
    public BackupManifest read(Path dir) throws IOException {
        Path file = dir.resolve(BackupManifest.FILE);
        if (!Files.isRegularFile(file)) {
            throw new MigratorException(dir + " holds no backup (" + BackupManifest.FILE + " missing)", ExitCodes.USAGE);
        }
        BackupManifest manifest = json.readValue(file.toFile(), BackupManifest.class);
        if (manifest.format() != BackupManifest.FORMAT) {
            throw new MigratorException("backup format " + manifest.format() + " is not " + BackupManifest.FORMAT
                    + ": restore it with the migrator that wrote it (" + manifest.tool() + ")", ExitCodes.REFUSED);
        }
        List<String> missing = new ArrayList<>();
        for (BackupManifest.Table t : manifest.tables()) {
            if (t.hasRows() && (!Files.isRegularFile(dir.resolve(t.file())) || Files.size(dir.resolve(t.file())) != t.bytes())) {
                missing.add(t.file());
            }
        }
        if (!Files.isRegularFile(dir.resolve(manifest.structure()))) {
            missing.add(manifest.structure());
        }
        if (!missing.isEmpty()) {
            throw new MigratorException("the backup in " + dir + " is incomplete (missing or truncated: "
                    + String.join(", ", missing) + ")", ExitCodes.FAILED);
        }
        return manifest;
    }

    public BackupManifest restore(DataSource target, Path dir, Progress progress) throws SQLException, IOException {
        BackupManifest manifest = read(dir);
        DatabaseBackup.Structure structure = json.readValue(dir.resolve(manifest.structure()).toFile(),
                DatabaseBackup.Structure.class);
        List<String> schemas = manifest.schemas().stream().map(BackupManifest.Schema::name).toList();
        long started = System.nanoTime();
        try (Connection c = target.getConnection()) {
            refuseNonEmpty(c, schemas);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL search_path = pg_catalog");
                s.execute("SET LOCAL check_function_bodies = false");
                for (String sql : structure.before()) {
                    s.execute(sql);
                }
                for (BackupManifest.Table t : manifest.tables()) {
                    if (t.hasRows()) {
                        copyIn(c, dir, t, progress);
                    }
                }
                for (String sql : structure.after()) {
                    s.execute(sql);
                }
                List<String> differences = compare(c, manifest);
                if (!differences.isEmpty()) {
                    c.rollback();
                    throw new MigratorException("the restore does not match the backup, nothing was kept: "
                            + String.join("; ", differences), ExitCodes.FAILED);
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        progress.say("restored %d tables, %,d rows from %s (backup of %s, release %s) in %.1f s; every row count,"
                + " table checksum and schema shape equals the manifest", manifest.tables().size(), manifest.totalRows(),
                dir, manifest.createdAt(), manifest.platformRelease(), (System.nanoTime() - started) / 1e9);
        return manifest;
    }

    private static void refuseNonEmpty(Connection c, List<String> schemas) throws SQLException {
        List<String> found = SchemaDdl.strings(c, """
                SELECT format('%I.%I', n.nspname, t.relname) FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ANY (?) AND t.relkind IN ('r', 'S', 'v', 'm', 'p', 'f')
                UNION ALL
                SELECT format('%I.%I()', n.nspname, p.proname) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY (?)
                ORDER BY 1 LIMIT 5""", schemas, schemas);
        if (!found.isEmpty()) {
            throw new MigratorException("the database is not empty (" + String.join(", ", found) + (found.size() == 5
                    ? ", ..." : "") + "): restore goes into an empty database, e.g. a new one", ExitCodes.REFUSED);
        }
    }

    private static void copyIn(Connection c, Path dir, BackupManifest.Table t, Progress progress)
            throws SQLException, IOException {
        long started = System.nanoTime();
        long size = t.bytes();
        try (InputStream file = Files.newInputStream(dir.resolve(t.file()));
                InputStream counted = new Counting(file, n -> progress.bytes("restore " + t.table(), n, size, started, false));
                InputStream in = new GZIPInputStream(counted, 1 << 16)) {
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + t.table() + " (" + String.join(", ",
                    t.columns().stream().map(Checksums::quote).toList()) + ") FROM STDIN (FORMAT binary)", in);
            if (rows != t.rows()) {
                throw new MigratorException("restore of " + t.table() + ": " + rows + " rows read, the manifest says "
                        + t.rows(), ExitCodes.FAILED);
            }
        }
        if (size > (8L << 20)) {
            progress.bytes("restore " + t.table(), size, size, started, true);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (t.rows() >= 1_000 || seconds >= 1) { // small tables only count in the summary
            progress.say("restore %s: %,d rows (%.1f s)", t.table(), t.rows(), seconds);
        }
    }

    /** Row counts and checksums of every table, and every schema's shape, against the manifest. */
    static List<String> compare(Connection c, BackupManifest manifest) throws SQLException {
        List<String> differences = new ArrayList<>();
        for (BackupManifest.Table t : manifest.tables()) {
            String now = Checksums.table(c, t.table());
            if (now.equals("absent")) {
                differences.add(t.table() + " missing");
            } else if (t.hasRows() && !now.equals(t.checksum())) {
                differences.add(t.table() + " " + now + " instead of " + t.checksum());
            }
        }
        for (BackupManifest.Schema s : manifest.schemas()) {
            String now = Checksums.schema(c, s.name());
            if (!now.equals(s.checksum())) {
                differences.add("schema " + s.name() + " shape " + now + " instead of " + s.checksum());
            }
        }
        return differences;
    }

    /** Counts the bytes read through it and reports them now and then. */
    private static final class Counting extends FilterInputStream {

        private final DatabaseBackup.Counting.Listener listener;
        private long count;
        private long reported;

        Counting(InputStream in, DatabaseBackup.Counting.Listener listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count - reported > (8L << 20)) {
                    reported = count;
                    listener.bytes(count);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }
    }
}
