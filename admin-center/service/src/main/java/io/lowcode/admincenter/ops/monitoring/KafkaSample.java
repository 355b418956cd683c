package io.lowcode.admincenter.ops.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.lowcode.admincenter.api.ops.ClusterHealth;
import io.lowcode.admincenter.api.ops.ConsumerGroupView;

/**
 * One reading of the cluster by {@link KafkaSampler}: immutable, shared by the API and the alert rules.
 *
 * @param at           when it was taken
 * @param clusterId    the cluster id
 * @param controllerId the active controller, {@code null} when none
 * @param brokers      every registered broker (fenced ones are down)
 * @param quorum       the controller quorum, {@code null} when not described
 * @param topics       topics by name (internal ones left out)
 * @param groups       consumer groups by id
 */
public record KafkaSample(Instant at, String clusterId, Integer controllerId, List<ClusterHealth.Broker> brokers,
        ClusterHealth.Quorum quorum, Map<String, Topic> topics, Map<String, Group> groups) {

    /**
     * One topic.
     *
     * @param name          name
     * @param partitions    its partitions
     * @param minIsr        {@code min.insync.replicas}, {@code null} when not readable
     * @param retentionMs   {@code retention.ms}, {@code null} when not readable
     * @param cleanupPolicy {@code cleanup.policy}, {@code null} when not readable
     * @param startOffsets  log start offset per partition (partitions that did not answer are missing)
     * @param endOffsets    end offset per partition (likewise)
     */
    public record Topic(String name, List<Partition> partitions, Integer minIsr, Long retentionMs, String cleanupPolicy,
            Map<Integer, Long> startOffsets, Map<Integer, Long> endOffsets) {

        public int replicationFactor() {
            return partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
        }

        /** Sum of the end offsets that answered. */
        public long endOffsetSum() {
            return endOffsets.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Records held now: end − start over the partitions where both are known. */
        public long records() {
            long records = 0;
            for (Map.Entry<Integer, Long> end : endOffsets.entrySet()) {
                Long start = startOffsets.get(end.getKey());
                if (start != null) {
                    records += Math.max(0, end.getValue() - start);
                }
            }
            return records;
        }
    }

    /**
     * One partition.
     *
     * @param partition index
     * @param leader    leader node, {@code null} when offline
     * @param replicas  replica nodes
     * @param isr       in-sync replica nodes
     */
    public record Partition(int partition, Integer leader, List<Integer> replicas, List<Integer> isr) {
    }

    /**
     * One consumer group.
     *
     * @param groupId   id
     * @param state     the coordinator's state
     * @param members   members and their assignment
     * @param committed committed offset per partition
     */
    public record Group(String groupId, String state, List<ConsumerGroupView.Member> members,
            Map<TopicPartition, Long> committed) {
    }

    /** The end offset of a partition in this sample, or {@code null}. */
    public Long endOffset(TopicPartition partition) {
        Topic topic = topics.get(partition.topic());
        return topic == null ? null : topic.endOffsets().get(partition.partition());
    }
}
