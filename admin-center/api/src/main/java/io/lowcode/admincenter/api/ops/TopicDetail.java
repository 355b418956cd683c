package io.lowcode.admincenter.api.ops;

import java.util.List;

/**
 * {@code GET /api/v1/ops/topics/{topic}}: a topic and each of its partitions.
 *
 * @param topic      as in the list
 * @param partitions leader, replicas, in-sync replicas and offsets of each partition
 */
public record TopicDetail(TopicView topic, List<Partition> partitions) {

    /**
     * One partition.
     *
     * @param partition   its index
     * @param leader      the leader's node id, {@code null} when offline
     * @param replicas    replica node ids
     * @param isr         in-sync replica node ids
     * @param startOffset log start offset, {@code null} when unknown
     * @param endOffset   end offset, {@code null} when unknown
     */
    public record Partition(int partition, Integer leader, List<Integer> replicas, List<Integer> isr, Long startOffset,
            Long endOffset) {
    }
}
