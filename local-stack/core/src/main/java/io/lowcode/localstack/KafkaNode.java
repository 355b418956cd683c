package io.lowcode.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One combined broker+controller KRaft node running in a child JVM. It can be stopped (gracefully or
 * with SIGKILL) and started again on the same ports and log directory.
 */
public final class KafkaNode {

    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final String KAFKA_MAIN = "kafka.Kafka";

    private final int nodeId;
    private final int port;
    private final Path directory;
    private final Properties properties;
    private Process process;

    KafkaNode(int nodeId, int port, Path directory, Properties properties) {
        this.nodeId = nodeId;
        this.port = port;
        this.directory = directory;
        this.properties = properties;
    }

    public int nodeId() {
        return nodeId;
    }

    public int port() {
        return port;
    }

    public String bootstrapServer() {
        return "127.0.0.1:" + port;
    }

    public Path log() {
        return directory.resolve("server.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Writes the node's configuration and formats its log directory unless already formatted. */
    void format(String clusterId) {
        try {
            Files.createDirectories(directory);
            try (Writer out = Files.newBufferedWriter(configFile(), StandardCharsets.UTF_8)) {
                properties.store(out, "KRaft node " + nodeId + " written by local-stack");
            }
            Files.writeString(log4jConfig(), """
                    rootLogger.level = INFO
                    rootLogger.appenderRef.stdout.ref = STDOUT
                    appender.stdout.type = Console
                    appender.stdout.name = STDOUT
                    appender.stdout.layout.type = PatternLayout
                    appender.stdout.layout.pattern = [%d] %p %m (%c)%n
                    logger.state.name = state.change.logger
                    logger.state.level = WARN
                    logger.request.name = kafka.request.logger
                    logger.request.level = WARN
                    """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildJvm.run(STORAGE_TOOL,
                List.of("format", "--ignore-formatted", "-t", clusterId, "-c", configFile().toString()),
                directory.resolve("format.log"), 120);
    }

    /** Starts the broker process; returns at once (see {@link KafkaCluster#awaitReady}). */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        process = ChildJvm.start(KAFKA_MAIN,
                List.of("-Xms128m", "-Xmx256m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                        "-Djava.awt.headless=true",
                        "-Dlog4j2.configurationFile=" + log4jConfig().toUri()),
                List.of(configFile().toString()),
                log());
        pidFile(directory).write(process.toHandle());
    }

    /** The PID file of the node whose files are in {@code nodeDirectory}. */
    static PidFile pidFile(Path nodeDirectory) {
        return new PidFile(nodeDirectory.resolve("kafka.pid"));
    }

    /** Graceful stop (SIGTERM, controlled shutdown), waiting for the process to exit; forcible after 30 s. */
    public synchronized void stop() {
        stop(30);
    }

    /** Graceful stop, forcible after {@code graceSeconds}. */
    synchronized void stop(int graceSeconds) {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit(graceSeconds);
    }

    /** Simulates a crash: SIGKILL, no controlled shutdown. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(30);
    }

    private void awaitExit(int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        pidFile(directory).delete();
    }

    /** Fails with the log's tail when the process has died, e.g. while waiting for it to be ready. */
    synchronized void assertAlive() {
        if (process != null && !process.isAlive()) {
            throw new IllegalStateException("Kafka node " + nodeId + " exited with " + process.exitValue()
                    + "; last lines of " + log() + ":\n" + ChildJvm.tail(log(), 30));
        }
    }

    private Path configFile() {
        return directory.resolve("server.properties");
    }

    private Path log4jConfig() {
        return directory.resolve("log4j2.properties");
    }
}
