package io.lowcode.migrator.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.engine.EngineState;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorException;
import io.lowcode.migrator.engine.Progress;
import io.lowcode.migrator.validate.Checksums;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A complete, consistent backup of the platform's schemas (the three modules' and the migrator's own state and
 * configuration, {@code ops_migrator}) into a directory, with no external binary: the structure from the catalogs
 * ({@link SchemaDdl}, {@code structure.json}), every table's rows through the COPY protocol (PgJDBC
 * {@code CopyManager}, binary format, gzip), and {@code manifest.json} with versions, per-table row counts and
 * checksums. Everything is read in one REPEATABLE READ snapshot, so the application may keep writing.
 */
public final class DatabaseBackup {

    /** The schemas a backup holds, in restore order. */
    public static final List<String> SCHEMAS = Stream.concat(ModuleSchemas.NAMES.stream(), Stream.of(EngineState.SCHEMA))
            .toList();
    public static final String STRUCTURE = "structure.json";

    /** Tables whose rows mean nothing in another database (transaction ids): their structure only. */
    static final Set<String> STRUCTURE_ONLY = Set.of("ops_migrator.changed_row");

    /** What {@code structure.json} holds. */
    @RegisterForReflection
    public record Structure(List<String> before, List<String> after) {
    }

    private final ObjectMapper json;
    private final String tool;

    public DatabaseBackup(ObjectMapper json, String tool) {
        this.json = json;
        this.tool = tool;
    }

    public BackupManifest write(DataSource source, String url, Path dir, String platformRelease,
            Map<String, Integer> schemaVersions, Progress progress) throws SQLException, IOException {
        return write(source, url, dir, SCHEMAS, platformRelease, schemaVersions, progress);
    }

    /** A backup of {@code wanted} schemas (those that exist; the platform's are {@link #SCHEMAS}). */
    public BackupManifest write(DataSource source, String url, Path dir, List<String> wanted, String platformRelease,
            Map<String, Integer> schemaVersions, Progress progress) throws SQLException, IOException {
        prepare(dir);
        long started = System.nanoTime();
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            Map<String, String> database = new LinkedHashMap<>();
            database.put("url", url.replaceAll("password=[^&]*", "password=***"));
            String createdAt;
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL search_path = pg_catalog");
                try (ResultSet rs = s.executeQuery("SELECT version(), now()")) { // the snapshot starts here
                    rs.next();
                    database.put("server", rs.getString(1));
                    createdAt = rs.getTimestamp(2).toInstant().toString();
                }
            }
            List<String> schemas = SchemaDdl.strings(c, "SELECT nspname FROM pg_namespace WHERE nspname = ANY (?)"
                    + " ORDER BY array_position(?, nspname::text)", wanted, wanted);
            SchemaDdl ddl = SchemaDdl.read(c, schemas);
            List<BackupManifest.Table> tables = new ArrayList<>();
            for (String table : tables(c, schemas)) {
                tables.add(copyOut(c, dir, table, progress));
            }
            List<String> after = new ArrayList<>(SchemaDdl.sequenceValues(c, schemas));
            after.addAll(ddl.after());
            List<BackupManifest.Schema> shapes = new ArrayList<>();
            for (String schema : schemas) {
                shapes.add(new BackupManifest.Schema(schema, Checksums.schema(c, schema)));
            }
            c.commit();
            json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(STRUCTURE).toFile(), new Structure(ddl.before(), after));
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, tool, createdAt,
                    (System.nanoTime() - started) / 1e9, database, platformRelease, schemaVersions, shapes, tables, STRUCTURE,
                    List.of("ownership and grants: the restoring role owns every object; the schemas' default privileges"
                                    + " give the services theirs",
                            "the in-database row copies of releases (schemas ops_migrator_backup_r*)",
                            "the rows of ops_migrator.changed_row (transaction ids of this database)",
                            "Kafka topics and consumer offsets"));
            json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(BackupManifest.FILE).toFile(), manifest);
            return manifest;
        }
    }

    private static void prepare(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new MigratorException(dir + " is not empty: a backup goes into a new directory", ExitCodes.REFUSED);
                }
            }
        } else if (Files.exists(dir)) {
            throw new MigratorException(dir + " is not a directory", ExitCodes.REFUSED);
        }
        Files.createDirectories(dir.resolve("data"));
    }

    /** Every base table of the schemas, schema by schema. */
    static List<String> tables(Connection c, List<String> schemas) throws SQLException {
        return SchemaDdl.strings(c, "SELECT format('%I.%I', n.nspname, t.relname) FROM pg_class t"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ANY (?) AND t.relkind = 'r'"
                + " ORDER BY array_position(?, n.nspname::text), t.relname", schemas, schemas);
    }

    /** The table's columns in their physical order (what COPY without a list would use). */
    static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private BackupManifest.Table copyOut(Connection c, Path dir, String table, Progress progress)
            throws SQLException, IOException {
        List<String> columns = columns(c, table);
        if (STRUCTURE_ONLY.contains(table)) {
            return new BackupManifest.Table(table, columns, -1, null, null, 0);
        }
        long estimate;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_relation_size(?::regclass)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                estimate = rs.getLong(1);
            }
        }
        String file = "data/" + table + ".copy.gz";
        long started = System.nanoTime();
        long rows;
        try (OutputStream out = Files.newOutputStream(dir.resolve(file));
                GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                OutputStream counted = new Counting(gzip, n -> progress.bytes("backup " + table, n, estimate, started, false))) {
            rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " (" + String.join(", ",
                    columns.stream().map(Checksums::quote).toList()) + ") TO STDOUT (FORMAT binary)", counted);
        }
        String checksum = Checksums.table(c, table);
        if (!checksum.startsWith(rows + ":")) {
            throw new MigratorException("backup of " + table + ": COPY wrote " + rows + " rows, the snapshot holds "
                    + checksum, ExitCodes.FAILED);
        }
        long bytes = Files.size(dir.resolve(file));
        if (estimate > (8L << 20)) {
            progress.bytes("backup " + table, estimate, estimate, started, true);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (rows >= 1_000 || seconds >= 1) { // small tables only count in the summary
            progress.say("backup %s: %,d rows, %,.1f MB (%.1f s)", table, rows, bytes / 1e6, seconds);
        }
        return new BackupManifest.Table(table, columns, rows, checksum, file, bytes);
    }

    /** Counts the bytes through it and reports them now and then. */
    static final class Counting extends FilterOutputStream {

        interface Listener {
            void bytes(long n);
        }

        private final Listener listener;
        private long count;
        private long reported;

        Counting(OutputStream out, Listener listener) {
            super(out);
            this.listener = listener;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
            if (count - reported > (8L << 20)) {
                reported = count;
                listener.bytes(count);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }
}
