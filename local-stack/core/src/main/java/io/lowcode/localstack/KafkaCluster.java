package io.lowcode.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of one or three combined broker+controller nodes, each a child JVM. With three nodes,
 * topics get replication factor 3 and {@code min.insync.replicas=2}, like production.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final String NODE_COUNT_FILE = "node-count";

    private final List<KafkaNode> nodes;
    private final int replicationFactor;
    private final int minInsyncReplicas;
    private final Path directory;

    private KafkaCluster(List<KafkaNode> nodes, int replicationFactor, int minInsyncReplicas, Path directory) {
        this.nodes = List.copyOf(nodes);
        this.replicationFactor = replicationFactor;
        this.minInsyncReplicas = minInsyncReplicas;
        this.directory = directory;
    }

    /**
     * Creates (or reuses, when {@code directory} holds a formatted cluster) and starts a cluster.
     *
     * @param nodeCount      1 or 3
     * @param brokerPorts    one client port per node
     * @param controllerPorts one controller port per node
     */
    public static KafkaCluster start(int nodeCount, List<Integer> brokerPorts, List<Integer> controllerPorts,
            Path directory, Duration timeout) {
        if (nodeCount != 1 && nodeCount != 3) {
            throw new IllegalArgumentException("kafka nodes must be 1 or 3, not " + nodeCount);
        }
        if (brokerPorts.size() != nodeCount || controllerPorts.size() != nodeCount) {
            throw new IllegalArgumentException("need " + nodeCount + " broker and controller ports");
        }
        int replication = nodeCount == 3 ? 3 : 1;
        int minIsr = nodeCount == 3 ? 2 : 1;
        String voters = java.util.stream.IntStream.range(0, nodeCount)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        requireSameNodeCount(directory, nodeCount);
        String clusterId = clusterId(directory);
        List<KafkaNode> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            Path nodeDir = directory.resolve("node-" + (i + 1));
            Properties p = nodeProperties(i + 1, brokerPorts.get(i), controllerPorts.get(i), voters,
                    nodeDir.resolve("data"), replication, minIsr);
            nodes.add(new KafkaNode(i + 1, brokerPorts.get(i), nodeDir, p));
        }
        KafkaCluster cluster = new KafkaCluster(nodes, replication, minIsr, directory);
        try {
            nodes.parallelStream().forEach(n -> n.format(clusterId));
            Files.writeString(directory.resolve(NODE_COUNT_FILE), Integer.toString(nodeCount), StandardCharsets.UTF_8);
            nodes.forEach(KafkaNode::start);
            cluster.awaitReady(timeout);
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * A KRaft cluster keeps the controller quorum it was formatted with (static voters): a directory formatted
     * for one node cannot become a three-node cluster, nor the other way round, and reusing it would leave every
     * topic with the old replication factor. Refuse, saying how to proceed.
     */
    public static void requireSameNodeCount(Path directory, int nodeCount) {
        int existing = formattedNodeCount(directory);
        if (existing != 0 && existing != nodeCount) {
            throw new IllegalArgumentException("the Kafka data in " + directory + " belongs to a " + existing
                    + "-node cluster (replication factor " + (existing == 3 ? 3 : 1) + "); it cannot be reused with "
                    + nodeCount + " node" + (nodeCount == 1 ? "" : "s") + ". Start with --kafka-nodes " + existing
                    + " to keep it, use another --data-dir for a " + nodeCount + "-node platform, or delete this "
                    + "data with ./platform wipe (all of it: Kafka and PostgreSQL)");
        }
    }

    /** The node count this directory was formatted for; 0 when it holds no cluster yet. */
    static int formattedNodeCount(Path directory) {
        try {
            Path file = directory.resolve(NODE_COUNT_FILE);
            if (Files.isRegularFile(file)) {
                return Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            if (!Files.isDirectory(directory)) {
                return 0;
            }
            // written before the node count was recorded: count the formatted nodes
            try (var children = Files.list(directory)) {
                return (int) children.filter(d -> d.getFileName().toString().startsWith("node-"))
                        .filter(d -> Files.isRegularFile(d.resolve("data").resolve("meta.properties"))).count();
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the Kafka node count in " + directory + ": " + e.getMessage(), e);
        }
    }

    static Properties nodeProperties(int nodeId, int port, int controllerPort, String voters, Path logDir,
            int replication, int minIsr) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("default.replication.factor", Integer.toString(replication));
        p.setProperty("min.insync.replicas", Integer.toString(minIsr));
        p.setProperty("offsets.topic.replication.factor", Integer.toString(replication));
        p.setProperty("offsets.topic.num.partitions", "12");
        p.setProperty("transaction.state.log.replication.factor", Integer.toString(replication));
        p.setProperty("transaction.state.log.min.isr", Integer.toString(minIsr));
        p.setProperty("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        p.setProperty("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Faster failure detection than the defaults (9 s / 2 s), measured to halve the stall after a kill -9.
        p.setProperty("broker.session.timeout.ms", "3000");
        p.setProperty("broker.heartbeat.interval.ms", "500");
        p.setProperty("controlled.shutdown.enable", "true");
        // The log cleaner (compaction of __consumer_offsets) allocates its dedupe buffer in one piece at start:
        // the default 128 MiB in a 256 MiB heap failed with OutOfMemoryError on restarts under load.
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return p;
    }

    private static String clusterId(Path directory) {
        Path file = directory.resolve("cluster.id");
        try {
            Files.createDirectories(directory);
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<KafkaNode> nodes() {
        return nodes;
    }

    public KafkaNode node(int nodeId) {
        return nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    public Path directory() {
        return directory;
    }

    /** Bootstrap list of every node, for clients. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** Waits until every running node is registered in the cluster; fails fast when a node died. */
    public void awaitReady(Duration timeout) {
        Set<Integer> expected = nodes.stream().filter(KafkaNode::isRunning).map(KafkaNode::nodeId)
                .collect(Collectors.toSet());
        Instant deadline = Instant.now().plus(timeout);
        // Wait for the listeners first: an admin client polling closed ports only fills logs with warnings.
        for (KafkaNode node : nodes) {
            while (node.isRunning() && !FreePorts.isListening(node.port())) {
                node.assertAlive();
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka node " + node.nodeId() + " did not open port " + node.port()
                            + " in " + timeout.toSeconds() + " s; see " + node.log());
                }
                sleepQuietly(100);
            }
        }
        try (Admin admin = admin()) {
            while (true) {
                nodes.forEach(KafkaNode::assertAlive);
                Set<Integer> registered = describeNodes(admin);
                if (registered.containsAll(expected)) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka not ready after " + timeout.toSeconds()
                            + " s: nodes registered " + registered + ", expected " + expected);
                }
                sleepQuietly(200);
            }
        }
    }

    private static Set<Integer> describeNodes(Admin admin) {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return nodes.stream().map(Node::id).collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts every stopped node again and waits until all are registered (outage tests). */
    public void startAll(Duration timeout) {
        nodes.forEach(KafkaNode::start);
        awaitReady(timeout);
    }

    /**
     * Stops every node at once. When the whole cluster goes down, the controlled shutdown of the last
     * nodes waits on a controller quorum that is gone; after a short grace period they are killed, which
     * loses nothing (every write was acknowledged by the replicas' logs, recovered at the next start).
     */
    @Override
    public void close() {
        int grace = nodes.size() == 1 ? 30 : 8;
        nodes.parallelStream().forEach(n -> n.stop(grace));
    }
}
