package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/ops/consumer-groups[/{group}]}: one consumer group, its lag and its status evaluated over the
 * sampler's sliding window with Burrow's rules (see the operations runbook).
 *
 * @param groupId               group id
 * @param state                 the coordinator's view: STABLE, PREPARING_REBALANCE, COMPLETING_REBALANCE, EMPTY, DEAD…
 * @param status                OK, WARN, STALL, STOP, REWIND, or ERR when its partitions are in different error states
 * @param totalLag              sum of the partitions' lag
 * @param consumeRatePerSecond  committed offsets advanced per second over the window, {@code null} before two samples
 * @param members               the members and what they own
 * @param partitions            lag and status per partition; the detail view also carries each one's window samples
 * @param window                the samples the status is evaluated over (count, span in seconds)
 * @param sampledAt             the newest sample
 */
public record ConsumerGroupView(String groupId, String state, String status, long totalLag, Double consumeRatePerSecond,
        List<Member> members, List<PartitionLag> partitions, Window window, Instant sampledAt) {

    /**
     * A member of the group.
     *
     * @param memberId   member id
     * @param clientId   client id
     * @param host       its host
     * @param partitions what it is assigned, as {@code topic-partition}
     */
    public record Member(String memberId, String clientId, String host, List<String> partitions) {
    }

    /**
     * One partition the group consumes.
     *
     * @param topic           topic
     * @param partition       partition
     * @param committedOffset the group's committed offset, {@code null} before its first commit
     * @param endOffset       the partition's end offset
     * @param lag             end − committed, {@code null} before the first commit
     * @param owner           the member assigned to it, {@code null} when none
     * @param status          OK, WARN, STALL, STOP or REWIND
     * @param evidence        the window's samples (detail view only; empty in the list)
     */
    public record PartitionLag(String topic, int partition, Long committedOffset, Long endOffset, Long lag, String owner,
            String status, List<OffsetSample> evidence) {
    }

    /**
     * One sample of the window.
     *
     * @param at        when it was taken
     * @param committed the committed offset
     * @param end       the end offset
     * @param lag       end − committed
     */
    public record OffsetSample(Instant at, long committed, long end, long lag) {
    }

    /**
     * The sliding window.
     *
     * @param samples     how many samples it holds now
     * @param size        how many it holds when full
     * @param spanSeconds the time between its oldest and newest sample
     */
    public record Window(int samples, int size, double spanSeconds) {
    }
}
