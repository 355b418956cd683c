package io.lowcode.admincenter.api.ops;

/**
 * {@code GET /api/v1/ops/topics}: one topic.
 *
 * @param name                 topic name
 * @param partitions           partition count
 * @param replicationFactor    replicas per partition
 * @param minInsyncReplicas    {@code min.insync.replicas}, {@code null} when its configuration was not readable
 * @param retentionMs          {@code retention.ms} ({@code -1}: forever), {@code null} when unknown
 * @param cleanupPolicy        {@code cleanup.policy}
 * @param records              records it holds now: the sum over partitions of end − start offset
 * @param produceRatePerSecond records appended per second over the last minute (from sampled end offsets),
 *                             {@code null} until two samples a minute apart exist
 */
public record TopicView(String name, int partitions, int replicationFactor, Integer minInsyncReplicas, Long retentionMs,
        String cleanupPolicy, long records, Double produceRatePerSecond) {
}
