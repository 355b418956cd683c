package io.lowcode.migrator.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.release.ScriptSource;

/** One database the engine works on (the platform's, or a scratch copy), with a Flyway per module schema. */
public final class Db implements ScriptSource {

    private final String label;
    private final DataSource dataSource;
    private final ModuleSchemas schemas;

    public Db(String label, DataSource dataSource, ModuleSchemas schemas) {
        this.label = label;
        this.dataSource = dataSource;
        this.schemas = schemas;
    }

    public String label() {
        return label;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Flyway for {@code schema} on this database, migrating no further than {@code target} (null: latest). */
    public Flyway flyway(String schema, Integer target) {
        Flyway template = schemas.all().get(schema);
        if (template == null) {
            throw new IllegalArgumentException("unknown module schema " + schema);
        }
        var config = Flyway.configure(Thread.currentThread().getContextClassLoader())
                .configuration(template.getConfiguration())
                .dataSource(dataSource)
                // DDL waits at most 10 s for its lock instead of queueing every query on the table behind it;
                // a timeout fails the step (its release is rolled back) and `migrate` can simply be rerun.
                // and its writes are the migrator's own, not the application's (ChangeLog)
                .initSql("SET lock_timeout = '10s'; SET " + ChangeLog.OWN_WRITE + " = 'on'");
        if (target != null) {
            config.target(MigrationVersion.fromVersion(Integer.toString(target)));
        }
        return config.load();
    }

    /** The highest successfully applied Flyway version of {@code schema}, 0 when none. */
    public int version(String schema) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT to_regclass(? || '.flyway_schema_history') IS NOT NULL")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT version FROM " + schema
                    + ".flyway_schema_history WHERE success AND version IS NOT NULL"); ResultSet rs = q.executeQuery()) {
                int max = 0;
                while (rs.next()) {
                    max = Math.max(max, Integer.parseInt(rs.getString(1).split("[._]")[0]));
                }
                return max;
            }
        } catch (SQLException e) {
            throw new MigratorException("cannot read the version of schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Failed rows in a schema's Flyway history (none on PostgreSQL unless someone ran a non-transactional script). */
    public long failedMigrations(String schema) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT to_regclass(? || '.flyway_schema_history') IS NOT NULL")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM " + schema
                    + ".flyway_schema_history WHERE NOT success"); ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new MigratorException(e.getMessage(), e);
        }
    }

    @Override
    public List<Script> upScripts(String schema, int from, int to) {
        List<Script> scripts = new ArrayList<>();
        for (MigrationInfo info : flyway(schema, null).info().all()) {
            if (info.getVersion() == null) {
                continue;
            }
            int v = Integer.parseInt(info.getVersion().getVersion().split("\\.")[0]);
            if (v > from && v <= to) {
                String path = info.getScript();
                String name = path.substring(path.lastIndexOf('/') + 1);
                String sql = resource(path).or(() -> resource("db/messaging/" + name))
                        .or(() -> resource("db/" + schema + "/" + name))
                        .orElseThrow(() -> new MigratorException("script " + name + " of " + schema + " not bundled",
                                ExitCodes.FAILED));
                scripts.add(new Script(v, name, sql));
            }
        }
        return scripts;
    }

    /** The down script of version {@code v} of {@code schema}: {@code releases/<release>/<schema>/U<v>__<same name>.sql}. */
    @Override
    public Optional<Script> downScript(String release, String schema, int version) {
        for (Script up : upScripts(schema, version - 1, version)) {
            String name = "U" + up.name().substring(1);
            return resource("releases/" + release + "/" + schema + "/" + name).map(sql -> new Script(version, name, sql));
        }
        return Optional.empty();
    }

    public static Optional<String> resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
