package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/ops/scaling}: how many consumers each group needs to keep up and drain its lag, capped at what its
 * partitions allow, and which topics need more partitions for that.
 *
 * @param sampledAt        the sample it is computed from
 * @param consumersPerPod  consumers one pod runs per channel ({@code concurrency})
 * @param drainSeconds     within how long a lag should be drained
 * @param groups           per consumer group
 * @param topics           per topic that limits a group
 */
public record ScalingAdvice(Instant sampledAt, int consumersPerPod, long drainSeconds, List<Group> groups,
        List<Topic> topics) {

    /**
     * One group.
     *
     * @param groupId              the group
     * @param members              consumers now
     * @param partitions           partitions of its largest topic: the most consumers that get work
     * @param lag                  total lag
     * @param producedPerSecond    records appended per second to its topics
     * @param consumedPerSecond    records it committed per second
     * @param neededConsumers      consumers needed to keep up and drain the lag in time (uncapped)
     * @param recommendedConsumers the same, capped at the partitions
     * @param recommendedPods      pods for that ({@code consumersPerPod} consumers each)
     * @param action               keep, scale-up, scale-down or expand-partitions
     * @param reason               for people
     */
    public record Group(String groupId, int members, int partitions, long lag, Double producedPerSecond,
            Double consumedPerSecond, int neededConsumers, int recommendedConsumers, int recommendedPods, String action,
            String reason) {
    }

    /**
     * A topic whose partitions limit a group.
     *
     * @param topic                  the topic
     * @param partitions             partitions now
     * @param recommendedPartitions  partitions for the busiest group's need (a multiple of consumersPerPod)
     * @param groups                 the groups it limits
     * @param warning                what an expansion does to keys
     */
    public record Topic(String topic, int partitions, int recommendedPartitions, List<String> groups, String warning) {
    }
}
