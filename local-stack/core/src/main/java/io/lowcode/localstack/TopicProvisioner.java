package io.lowcode.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;

/**
 * Creates the catalog's topics on a cluster and brings existing ones back to the catalog: configuration,
 * partition count and replication factor. Partitions are only ever added: Kafka cannot remove them, and a
 * topic with more partitions than the catalog says is reported, not silently accepted. A topic replicated
 * fewer times than the cluster wants gets the missing replicas through a partition reassignment, and the
 * provisioning returns only once every partition has all its replicas in sync; more replicas than the
 * cluster has brokers for is an error, never accepted silently.
 */
public final class TopicProvisioner {

    private static final Duration REASSIGNMENT_TIMEOUT = Duration.ofSeconds(120);

    private final Admin admin;
    private final int replicationFactor;
    private final int minInsyncReplicas;

    public TopicProvisioner(Admin admin, int replicationFactor, int minInsyncReplicas) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.minInsyncReplicas = minInsyncReplicas;
    }

    /** Creates missing topics and aligns the configuration of existing ones; returns what it did. */
    public List<String> provision(Collection<TopicSpec> topics) {
        List<String> actions = new ArrayList<>();
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) replicationFactor)
                            .configs(t.configs(minInsyncReplicas)))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                missing.forEach(t -> actions.add("created " + t.name() + " (" + t.numPartitions() + " partitions)"));
            }
            List<TopicSpec> present = topics.stream().filter(t -> existing.contains(t.name())).toList();
            if (!present.isEmpty()) {
                actions.addAll(align(present));
            }
            return actions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot provision topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    public List<String> provisionCatalog() {
        return provision(TopicCatalog.all());
    }

    private List<String> align(List<TopicSpec> present) throws InterruptedException, ExecutionException {
        List<String> actions = new ArrayList<>();
        Map<String, TopicDescription> descriptions = admin.describeTopics(
                present.stream().map(TopicSpec::name).toList()).allTopicNames().get();
        Map<String, org.apache.kafka.clients.admin.NewPartitions> grow = new HashMap<>();
        for (TopicSpec spec : present) {
            int actual = descriptions.get(spec.name()).partitions().size();
            if (actual < spec.partitions()) {
                grow.put(spec.name(), org.apache.kafka.clients.admin.NewPartitions.increaseTo(spec.partitions()));
                actions.add("grew " + spec.name() + " from " + actual + " to " + spec.partitions() + " partitions");
            } else if (actual > spec.partitions()) {
                throw new IllegalStateException("topic " + spec.name() + " has " + actual
                        + " partitions, more than the catalog's " + spec.partitions() + "; partitions cannot be removed");
            }
        }
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get();
        }
        actions.addAll(raiseReplication(present));
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        Map<ConfigResource, Config> current = admin.describeConfigs(present.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList()).all().get();
        for (TopicSpec spec : present) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            List<AlterConfigOp> ops = spec.configs(minInsyncReplicas).entrySet().stream()
                    .filter(e -> !e.getValue().equals(valueOf(current.get(resource), e.getKey())))
                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
                actions.add("reconfigured " + spec.name() + ": "
                        + ops.stream().map(o -> o.configEntry().name() + "=" + o.configEntry().value())
                                .collect(Collectors.joining(", ")));
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get();
        }
        return actions;
    }

    /** Adds replicas to partitions that have fewer than the cluster's replication factor, then waits for them. */
    private List<String> raiseReplication(List<TopicSpec> present) throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(
                present.stream().map(TopicSpec::name).toList()).allTopicNames().get();
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).sorted().toList();
        Map<TopicPartition, Optional<NewPartitionReassignment>> moves = new HashMap<>();
        List<String> actions = new ArrayList<>();
        for (TopicSpec spec : present) {
            TopicDescription topic = descriptions.get(spec.name());
            int lowest = topic.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(replicationFactor);
            int highest = topic.partitions().stream().mapToInt(p -> p.replicas().size()).max().orElse(replicationFactor);
            if (highest > replicationFactor) {
                throw new IllegalStateException("topic " + spec.name() + " has " + highest + " replicas per partition,"
                        + " more than this cluster's replication factor " + replicationFactor);
            }
            if (lowest == replicationFactor) {
                continue;
            }
            if (brokers.size() < replicationFactor) {
                throw new IllegalStateException("topic " + spec.name() + " needs replication factor " + replicationFactor
                        + " but only brokers " + brokers + " are up");
            }
            for (TopicPartitionInfo partition : topic.partitions()) {
                List<Integer> replicas = new ArrayList<>(partition.replicas().stream().map(Node::id).toList());
                for (int i = 0; replicas.size() < replicationFactor; i++) {
                    int candidate = brokers.get((partition.partition() + i) % brokers.size());
                    if (!replicas.contains(candidate)) {
                        replicas.add(candidate);
                    }
                }
                moves.put(new TopicPartition(spec.name(), partition.partition()),
                        Optional.of(new NewPartitionReassignment(replicas)));
            }
            actions.add("raised the replication factor of " + spec.name() + " from " + lowest + " to " + replicationFactor);
        }
        if (!moves.isEmpty()) {
            admin.alterPartitionReassignments(moves).all().get();
            awaitInSync(moves.keySet());
        }
        return actions;
    }

    private void awaitInSync(Set<TopicPartition> partitions) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + REASSIGNMENT_TIMEOUT.toNanos();
        Set<String> topics = partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        while (true) {
            boolean moving = !admin.listPartitionReassignments(partitions).reassignments().get().isEmpty();
            long lagging = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream())
                    .filter(p -> p.replicas().size() != replicationFactor || p.isr().size() != replicationFactor)
                    .count();
            if (!moving && lagging == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replicas of " + topics + " not in sync after "
                        + REASSIGNMENT_TIMEOUT.toSeconds() + " s (" + lagging + " partitions lagging)");
            }
            Thread.sleep(200);
        }
    }

    private static String valueOf(Config config, String key) {
        ConfigEntry entry = config == null ? null : config.get(key);
        return entry == null ? null : entry.value();
    }
}
