package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lowcode.localstack.ChildJvm;
import io.lowcode.localstack.platform.Platform;

/**
 * The packaged ops-migrator ({@code ops-migrator/target/quarkus-app/quarkus-run.jar}) run against a running platform
 * with the environment {@code ./platform migrator} gives it (database, services, admin login, backup directory).
 */
final class MigratorCli {

    /** How a run ended: exit code, standard output and standard error. */
    record Result(int exitCode, String output, String errors) {

        Result expect(int code) {
            assertThat(exitCode).as("exit code; output:\n" + output + "\nerrors:\n" + errors).isEqualTo(code);
            return this;
        }
    }

    private MigratorCli() {
    }

    static Result run(Platform platform, String... args) {
        return run(platform, Map.of(), args);
    }

    static Result run(Platform platform, Map<String, String> environment, String... args) {
        Path jar = RunningPlatform.home().resolve("ops-migrator/target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable(), "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("migrator-", ".out");
            Path err = Files.createTempFile("migrator-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(platform.migratorEnvironment());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("ops-migrator " + String.join(" ", args) + " did not end in 10 minutes");
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
