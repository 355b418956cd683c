package io.lowcode.eventschema;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One topic of the catalog: what local topic creation, the Kubernetes {@code KafkaTopic} resources
 * and the catalog checks all read.
 *
 * @param name          topic name
 * @param partitions    partition count
 * @param retention     {@code retention.ms}
 * @param cleanupPolicy {@code cleanup.policy}
 * @param deadLetter    whether this is the dead-letter topic of another topic
 */
public record TopicSpec(String name, int partitions, Duration retention, String cleanupPolicy, boolean deadLetter) {

    public static final String CLEANUP_DELETE = "delete";

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
    }

    /**
     * Topic-level configuration for a cluster whose durability is {@code minInsyncReplicas}.
     * Replication factor is not a config entry; it is given when the topic is created.
     */
    public Map<String, String> configs(int minInsyncReplicas) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy);
        configs.put("retention.ms", Long.toString(retention.toMillis()));
        configs.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        return configs;
    }
}
