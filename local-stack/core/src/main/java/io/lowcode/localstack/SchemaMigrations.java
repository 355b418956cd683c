package io.lowcode.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

import org.flywaydb.core.Flyway;

/**
 * Applies one module schema's Flyway scripts — the shared {@code db/messaging} ones, then the module's
 * own {@code db/<schema>} — from the classpath, the same scripts and order as ops-migrator uses. Tests
 * use it so a service under test finds its schema migrated, as it would after the migrator Job.
 */
public final class SchemaMigrations {

    private static final String SCHEMA_KEY = "lowcode.service.schema";

    private final String schema;

    public SchemaMigrations(String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        this.schema = schema;
    }

    /**
     * The schema of the service whose {@code application.properties} is on the classpath (its
     * {@code lowcode.service.schema}), or empty when the classpath holds no service.
     */
    public static Optional<SchemaMigrations> ofServiceUnderTest() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty(SCHEMA_KEY)).map(SchemaMigrations::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String schema() {
        return schema;
    }

    /** Migrates the schema to the newest script on the classpath; returns how many scripts ran. */
    public int migrate(PostgresServer postgres) {
        return Flyway.configure(Thread.currentThread().getContextClassLoader())
                .dataSource(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD)
                .schemas(schema)
                .locations("classpath:db/messaging", "classpath:db/" + schema)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
