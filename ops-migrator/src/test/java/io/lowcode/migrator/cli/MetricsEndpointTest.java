package io.lowcode.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lowcode.migrator.engine.MigratorException;

class MetricsEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheCurrentMetricsFileWhileTheRunLasts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ops-migrator.prom");
        int port = freePort();
        try (MetricsEndpoint endpoint = MetricsEndpoint.serve(port, file)) {
            assertThat(get(port).statusCode()).as("before the first progress line").isEqualTo(200);
            Files.writeString(file, "ops_migrator_run_status{run=\"1\",status=\"RUNNING\"} 1\n");
            HttpResponse<String> first = get(port);
            assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/plain"));
            assertThat(first.body()).contains("status=\"RUNNING\"");
            Files.writeString(file, "ops_migrator_run_status{run=\"1\",status=\"SUCCEEDED\"} 1\n");
            assertThat(get(port).body()).contains("status=\"SUCCEEDED\"").doesNotContain("RUNNING");
        }
    }

    @Test
    void aPortWithoutAMetricsFileIsAUsageError() {
        assertThatThrownBy(() -> MetricsEndpoint.serve(9400, null)).isInstanceOf(MigratorException.class)
                .hasMessageContaining("--metrics-file");
    }

    private HttpResponse<String> get(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
