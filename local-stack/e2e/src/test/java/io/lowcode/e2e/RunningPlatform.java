package io.lowcode.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.lowcode.localstack.FreePorts;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.platform.Platform;
import io.lowcode.localstack.platform.PlatformOptions;

/**
 * The whole platform as {@code ./platform up} starts it (packaged services, the migrator, real Kafka and
 * PostgreSQL), on free ports and a temporary data directory that {@link #close()} deletes.
 */
final class RunningPlatform implements AutoCloseable {

    private final Platform platform;
    private final Path data;

    private RunningPlatform(Platform platform, Path data) {
        this.platform = platform;
        this.data = data;
    }

    static RunningPlatform start() {
        Path home = Path.of(System.getProperty("platform.home", "../..")).toAbsolutePath().normalize();
        List<Integer> ports = FreePorts.take(6);
        try {
            Path data = Files.createTempDirectory("lowcode-e2e-");
            PlatformOptions options = PlatformOptions.parse(home, List.of("--data-dir", data.toString(),
                    "--kafka-port", ports.get(0).toString(), "--controller-port", ports.get(1).toString(),
                    "--postgres-port", ports.get(2).toString(), "--workstation-port", ports.get(3).toString(),
                    "--admin-center-port", ports.get(4).toString(), "--portal-port", ports.get(5).toString()));
            Platform platform = new Platform(options);
            try {
                platform.start();
            } catch (RuntimeException | InterruptedException e) {
                platform.close();
                throw e;
            }
            return new RunningPlatform(platform, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String workstation() {
        return platform.url("workstation");
    }

    String adminCenter() {
        return platform.url("admin-center");
    }

    String portal() {
        return platform.url("portal");
    }

    LocalStack stack() {
        return platform.stack();
    }

    Platform platform() {
        return platform;
    }

    @Override
    public void close() {
        try {
            platform.close();
        } finally {
            LocalStack.deleteRecursively(data);
        }
    }
}
