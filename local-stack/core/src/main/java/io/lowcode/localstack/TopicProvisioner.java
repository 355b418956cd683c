package io.lowcode.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;

/**
 * Creates the catalog's topics on a cluster and brings the configuration of existing ones back to the
 * catalog. Partitions are only ever added: Kafka cannot remove them, and a topic with more partitions
 * than the catalog says is reported, not silently accepted.
 */
public final class TopicProvisioner {

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

    private static String valueOf(Config config, String key) {
        ConfigEntry entry = config == null ? null : config.get(key);
        return entry == null ? null : entry.value();
    }
}
