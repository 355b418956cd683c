package io.lowcode.localstack.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lowcode.localstack.ChildJvm;

/** One packaged Quarkus application ({@code quarkus-run.jar}) running as a child process. */
final class ServiceProcess {

    /**
     * Small heaps: three services, the brokers and PostgreSQL share a 2-core laptop-sized machine. The C1 compiler
     * only ({@code TieredStopAtLevel=1}): measured with JFR under {@code ./platform bench}, C2 compiling the services'
     * large hot paths took ~40 % of each service's CPU for minutes of load (it competes with the request path for two
     * cores); with C1 alone, 80 creates/s after a warm-up: p99 0.17 s instead of 1.2 s (src-docs/benchmarks.md).
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=192m", "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:TieredStopAtLevel=1");

    private static final String APPCDS_ARCHIVE = "app-cds.jsa";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Path log;
    private Process process;

    ServiceProcess(String name, Path jar, int port, int managementPort, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int managementPort() {
        return managementPort;
    }

    /** The management interface: {@code /q/health/*}, {@code /q/metrics}, {@code /q/openapi}. */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Starts {@code java -jar quarkus-run.jar args} with {@code env} added to this environment. */
    static Process launch(Path jar, List<String> args, Map<String, String> env, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw install -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaExecutable());
        command.addAll(JVM_OPTIONS);
        // LOWCODE_SERVICE_JAVA_OPTIONS: more options for every service JVM (a later option wins), e.g. for profiling
        String extra = System.getenv("LOWCODE_SERVICE_JAVA_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        // The AppCDS archive only matches the classpath it was dumped with: run from the app directory.
        if (Files.isRegularFile(jar.resolveSibling(APPCDS_ARCHIVE))) {
            command.add("-XX:SharedArchiveFile=" + APPCDS_ARCHIVE);
        }
        command.add("-jar");
        command.add(jar.getFileName().toString());
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    void start(Map<String, String> env) {
        process = launch(jar, List.of(), env, log);
    }

    /** Polls {@code /q/health/ready} until it answers 200; fails with the log's tail if the process dies. */
    void awaitReady(Duration timeout) {
        awaitHealth("ready", timeout);
    }

    /** Polls {@code /q/health/live} until it answers 200: started, whether or not it is ready. */
    void awaitAlive(Duration timeout) {
        awaitHealth("live", timeout);
    }

    private void awaitHealth(String check, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/" + check))
                .timeout(Duration.ofSeconds(5)).build();
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; last lines of "
                        + log + ":\n" + ChildJvm.tail(log, 30));
            }
            try {
                HttpResponse<String> response = HTTP.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.body();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            pause();
        }
        throw new IllegalStateException(name + " not " + check + " after " + timeout.toSeconds() + " s: " + last);
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}…) to the service's JVM. */
    void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("cannot send SIG" + signal + " to " + name + " (pid " + process.pid() + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGKILL: a crash, nothing runs on the way down. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
