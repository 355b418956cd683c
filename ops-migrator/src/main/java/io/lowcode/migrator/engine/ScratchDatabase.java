package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database next to the platform's ({@code <db>_<purpose>_<pid>}, same server and credentials) that
 * {@link #close()} drops: where {@code verify-rollback} rehearses a release and {@code backup --verify} restores a
 * backup. Needs CREATEDB.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final DataSource platform;
    private final String name;
    private final PGSimpleDataSource dataSource;

    private ScratchDatabase(DataSource platform, String name, PGSimpleDataSource dataSource) {
        this.platform = platform;
        this.name = name;
        this.dataSource = dataSource;
    }

    public static ScratchDatabase create(DataSource platform, String purpose) throws SQLException {
        String name;
        try (Connection c = platform.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            name = rs.getString(1) + "_" + purpose + "_" + ProcessHandle.current().pid();
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new MigratorException("cannot create a scratch database (needs CREATEDB): " + e.getMessage(), e);
        }
        Config config = ConfigProvider.getConfig();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(config.getValue("quarkus.datasource.jdbc.url", String.class).replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(ds::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(ds::setPassword);
        return new ScratchDatabase(platform, name, ds);
    }

    public String name() {
        return name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = platform.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
