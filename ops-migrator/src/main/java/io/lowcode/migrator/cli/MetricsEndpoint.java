package io.lowcode.migrator.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorException;

/**
 * Serves the run's Prometheus text file ({@code --metrics-file}, rewritten by the engine as the run goes) at
 * {@code http://<pod>:<port>/metrics} while the command runs, so that Prometheus scrapes a migration's progress in a
 * Kubernetes Job (no Pushgateway needed). The JDK's own HTTP server: one thread, nothing else on the port.
 */
final class MetricsEndpoint implements AutoCloseable {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Nothing when {@code port} is null; otherwise serves {@code file} on {@code port} until closed. */
    static MetricsEndpoint serve(Integer port, Path file) {
        if (port == null) {
            return new MetricsEndpoint(null);
        }
        if (file == null) {
            throw new MigratorException("--metrics-port needs --metrics-file", ExitCodes.USAGE);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/metrics", exchange -> {
                byte[] body;
                try {
                    body = Files.readAllBytes(file);
                } catch (NoSuchFileException notYet) {
                    body = new byte[0];
                }
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new MetricsEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port, e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
