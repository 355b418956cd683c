package io.lowcode.migrator.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.Progress;
import io.lowcode.migrator.engine.ScratchDatabase;

/**
 * Takes, verifies and records database backups: {@code backup}, and {@code migrate} before a breaking release.
 * Verifying restores the backup into a scratch database (which compares every table and schema with the
 * manifest) and drops it.
 */
@ApplicationScoped
public class DatabaseBackups {

    private final ObjectMapper json;
    private final String url;
    private final String tool;

    public DatabaseBackups(ObjectMapper json, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.json = json;
        this.url = url;
        this.tool = "ops-migrator " + version;
    }

    /**
     * Writes a backup of the engine's database into {@code dir} (new or empty), verifies it if asked, records it.
     *
     * @param runId         the migrate run it is taken for, or null
     * @param beforeRelease the release it is taken before, or null
     */
    public BackupManifest take(Engine engine, Path dir, boolean verify, Long runId, String beforeRelease, Progress progress)
            throws Exception {
        Map<String, Integer> versions = new LinkedHashMap<>();
        ModuleSchemas.NAMES.forEach(s -> versions.put(s, engine.db().version(s)));
        progress.say("backup of %s into %s", url.replaceAll("password=[^&]*", "password=***"), dir);
        BackupManifest manifest = new DatabaseBackup(json, tool).write(engine.db().dataSource(), url, dir,
                engine.platformRelease(), versions, progress);
        progress.say("backup written: %d tables, %,d rows, %,.1f MB in %.1f s (%s)", manifest.tables().size(),
                manifest.totalRows(), manifest.totalBytes() / 1e6, manifest.seconds(), dir.resolve(BackupManifest.FILE));
        if (verify) {
            verify(engine, dir, progress);
        }
        engine.state().ensureSchema();
        engine.state().saveDatabaseBackup(runId, beforeRelease, dir.toAbsolutePath().toString(), manifest.platformRelease(),
                manifest.tables().size(), manifest.totalRows(), manifest.totalBytes(), manifest.seconds(), verify);
        return manifest;
    }

    /** {@code <root>/<database>-r<run>-before-<release>-<UTC time>}: unique per database, run and moment. */
    public Path directoryFor(Engine engine, Path root, long runId, String release) throws SQLException {
        try (Connection c = engine.db().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database(), to_char(now() AT TIME ZONE 'UTC',"
                        + " 'YYYYMMDD\"T\"HH24MISS')")) {
            rs.next();
            return root.resolve(rs.getString(1) + "-r" + runId + "-before-" + release + "-" + rs.getString(2));
        }
    }

    /** Restores the backup into a scratch database next to the engine's, which compares it with the manifest. */
    public void verify(Engine engine, Path dir, Progress progress) throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.create(engine.db().dataSource(), "restore")) {
            progress.say("verifying: restoring into the scratch database %s", scratch.name());
            new DatabaseRestore(json).restore(scratch.dataSource(), dir, progress);
            progress.say("backup verified: restorable, every table and schema equal to the manifest");
        }
    }

    public DatabaseRestore restorer() {
        return new DatabaseRestore(json);
    }
}
