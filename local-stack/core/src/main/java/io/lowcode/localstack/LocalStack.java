package io.lowcode.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

/**
 * The real infrastructure the platform needs, started by code: a Kafka cluster (KRaft, 1 or 3 nodes),
 * PostgreSQL with the platform database, and the catalog's topics.
 */
public final class LocalStack implements AutoCloseable {

    public static final String DATABASE = "lowcode";

    private final Settings settings;
    private final KafkaCluster kafka;
    private volatile PostgresServer postgres;
    private final List<String> topicActions;

    private LocalStack(Settings settings, KafkaCluster kafka, PostgresServer postgres, List<String> topicActions) {
        this.settings = settings;
        this.kafka = kafka;
        this.postgres = postgres;
        this.topicActions = topicActions;
    }

    /**
     * How to start the stack.
     *
     * @param kafkaNodes      1 or 3; 0 for PostgreSQL alone (migrator tests)
     * @param kafkaPorts      broker ports, one per node
     * @param controllerPorts KRaft controller ports, one per node
     * @param postgresPort    PostgreSQL port
     * @param dataDirectory   where all state lives
     * @param deleteOnClose   whether {@link #close()} deletes {@code dataDirectory} (tests) or keeps it (platform)
     */
    public record Settings(int kafkaNodes, List<Integer> kafkaPorts, List<Integer> controllerPorts, int postgresPort,
            Path dataDirectory, boolean deleteOnClose) {

        /** Fresh stack on free ports in a temporary directory, deleted on close: for tests. */
        public static Settings ephemeral(int kafkaNodes) {
            // below the ephemeral range: outage tests stop and start servers on the same ports
            int base = FreePorts.block(2 * kafkaNodes + 1);
            List<Integer> ports = java.util.stream.IntStream.range(base, base + 2 * kafkaNodes + 1).boxed().toList();
            try {
                return new Settings(kafkaNodes, ports.subList(0, kafkaNodes), ports.subList(kafkaNodes, 2 * kafkaNodes),
                        ports.get(2 * kafkaNodes), Files.createTempDirectory("lowcode-stack-"), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static LocalStack start(Settings settings) {
        PostgresServer postgres = null;
        KafkaCluster kafka = null;
        try {
            postgres = PostgresServer.start(settings.postgresPort(), settings.dataDirectory().resolve("postgres"),
                    DATABASE);
            List<String> actions = List.of();
            if (settings.kafkaNodes() > 0) {
                kafka = KafkaCluster.start(settings.kafkaNodes(), settings.kafkaPorts(), settings.controllerPorts(),
                        settings.dataDirectory().resolve("kafka"), Duration.ofSeconds(90));
                try (Admin admin = kafka.admin()) {
                    actions = new TopicProvisioner(admin, kafka.replicationFactor(), kafka.minInsyncReplicas())
                            .provisionCatalog();
                }
            }
            return new LocalStack(settings, kafka, postgres, actions);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            if (settings.deleteOnClose()) {
                deleteRecursively(settings.dataDirectory());
            }
            throw e;
        }
    }

    public KafkaCluster kafka() {
        if (kafka == null) {
            throw new IllegalStateException("this stack was started without Kafka");
        }
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** Stops PostgreSQL, keeping its data (outage tests). */
    public synchronized void stopPostgres() {
        postgres.close();
    }

    /** Starts PostgreSQL again on the same port and data. */
    public synchronized void startPostgres() {
        postgres = PostgresServer.start(settings.postgresPort(), settings.dataDirectory().resolve("postgres"), DATABASE);
    }

    public Settings settings() {
        return settings;
    }

    /** What topic provisioning did at start (created / grew / reconfigured). */
    public List<String> topicActions() {
        return topicActions;
    }

    /**
     * Quarkus configuration that points a service at this stack (reactive datasource, Kafka). Works both
     * as system properties for a test resource and, upper-cased, as environment variables.
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        if (kafka != null) {
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        }
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        return config;
    }

    @Override
    public void close() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            try {
                postgres.close();
            } finally {
                if (settings.deleteOnClose()) {
                    deleteRecursively(settings.dataDirectory());
                }
            }
        }
    }

    /**
     * Stops what an earlier run on {@code dataDirectory} left running after its JVM was killed: Kafka nodes
     * (by their PID files) and PostgreSQL (by its {@code postmaster.pid}).
     *
     * @return what was stopped, for people ("Kafka node 1 (pid 4242)")
     */
    public static List<String> stopLeftovers(Path dataDirectory) {
        List<String> stopped = new java.util.ArrayList<>();
        Path kafka = dataDirectory.resolve("kafka");
        if (Files.isDirectory(kafka)) {
            try (var nodes = Files.list(kafka)) {
                for (Path node : nodes.filter(Files::isDirectory)
                        .filter(d -> d.getFileName().toString().startsWith("node-")).sorted().toList()) {
                    KafkaNode.pidFile(node).stop(Duration.ofSeconds(30)).ifPresent(pid -> stopped.add(
                            "Kafka " + node.getFileName().toString().replace('-', ' ') + " (pid " + pid + ")"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + kafka, e);
            }
        }
        PostgresServer.stopStaleServer(dataDirectory.resolve("postgres"))
                .ifPresent(pid -> stopped.add("PostgreSQL (pid " + pid + ")"));
        return stopped;
    }

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
