package io.lowcode.admincenter.ops.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Burrow's consumer lag evaluation over a sliding window of offset samples (linkedin/Burrow, "Consumer Lag
 * Evaluation Rules"), adapted to samples taken at a fixed interval instead of every commit. Pure: unit-tested over
 * synthetic windows.
 *
 * <p>Per partition, in Burrow's order:
 * <ol>
 * <li>OK when the newest sample has no lag (or there is no sample).</li>
 * <li>REWIND when the committed offset went backwards between two samples.</li>
 * <li>With the lag above zero in every sample of a full window (Burrow's rule 1):
 *   <ul>
 *   <li>the committed offset did not move: STOP when no member owns the partition (nobody commits any more: the
 *       consumer stopped or died), STALL when a member owns it (it is there and keeps the same offset: stuck on a
 *       record, paused, deadlocked);</li>
 *   <li>the offset moves but the lag never went down between two samples: WARN (the consumer falls behind);</li>
 *   <li>otherwise OK.</li>
 *   </ul></li>
 * <li>While the window is not yet full of lagging samples (the lag was zero a moment ago): WARN when, since the lag
 *     was last zero, the committed offset has not moved over at least two intervals and the lag grew each time
 *     ("lag growing"); otherwise OK. This is the early signal Burrow cannot give with a window of commits.</li>
 * </ol>
 * A group's status is its worst partition's (OK &lt; WARN &lt; STALL &lt; STOP &lt; REWIND); when its partitions are
 * in different error states (say one STALL and one STOP) it is ERR, Burrow's group error.
 */
public final class LagStatus {

    /** A partition's status. */
    public enum Partition {
        OK, WARN, STALL, STOP, REWIND;

        boolean error() {
            return this == STALL || this == STOP || this == REWIND;
        }
    }

    /** A group's status: the partitions', or ERR when partitions are in different error states. */
    public enum Group {
        OK, WARN, ERR, STALL, STOP, REWIND;

        /** The statuses that mean a consumer does not keep up (what the consumer-group alert watches by default). */
        public static final Set<Group> ERRORS = EnumSet.of(ERR, STALL, STOP, REWIND);
    }

    /**
     * One sample of a partition.
     *
     * @param at        when
     * @param committed the group's committed offset
     * @param end       the partition's end offset
     */
    public record Point(Instant at, long committed, long end) {

        public long lag() {
            return Math.max(0, end - committed);
        }
    }

    private LagStatus() {
    }

    /**
     * @param window     the partition's samples, oldest first
     * @param windowSize how many samples a full window holds
     * @param owned      whether a member of the group owns the partition now
     */
    public static Partition partition(List<Point> window, int windowSize, boolean owned) {
        if (window.isEmpty() || window.get(window.size() - 1).lag() == 0) {
            return Partition.OK;
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).committed() < window.get(i - 1).committed()) {
                return Partition.REWIND;
            }
        }
        int lastZero = -1;
        for (int i = 0; i < window.size(); i++) {
            if (window.get(i).lag() == 0) {
                lastZero = i;
            }
        }
        List<Point> lagging = window.subList(lastZero + 1, window.size());
        boolean frozen = lagging.stream().allMatch(p -> p.committed() == lagging.get(0).committed());
        if (lastZero < 0 && window.size() >= windowSize) {
            if (frozen) {
                return owned ? Partition.STALL : Partition.STOP;
            }
            return lagNeverDecreases(lagging) ? Partition.WARN : Partition.OK;
        }
        // the lag was zero within the window: Burrow says OK; say WARN when it has grown ever since with no progress
        List<Point> since = lastZero < 0 ? lagging : window.subList(lastZero, window.size());
        return since.size() >= 3 && frozen && lagGrows(since) ? Partition.WARN : Partition.OK;
    }

    /** The group's status from its partitions'. */
    public static Group group(List<Partition> partitions) {
        Partition worst = Partition.OK;
        Set<Partition> errors = EnumSet.noneOf(Partition.class);
        for (Partition p : partitions) {
            if (p.ordinal() > worst.ordinal()) {
                worst = p;
            }
            if (p.error()) {
                errors.add(p);
            }
        }
        if (errors.size() > 1) {
            return Group.ERR;
        }
        return Group.valueOf(worst.name());
    }

    private static boolean lagNeverDecreases(List<Point> points) {
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).lag() < points.get(i - 1).lag()) {
                return false;
            }
        }
        return true;
    }

    private static boolean lagGrows(List<Point> points) {
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).lag() <= points.get(i - 1).lag()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The window of one partition out of a group's samples (oldest first). A partition of a topic the group consumes
     * but has never committed on counts from the log start (where our consumers, {@code auto.offset.reset=earliest},
     * begin): a consumer that hangs before its first commit there still shows its lag. Samples where the group is
     * absent are skipped.
     */
    public static List<Point> window(List<KafkaSample> samples, String group, org.apache.kafka.common.TopicPartition tp) {
        List<Point> points = new ArrayList<>();
        for (KafkaSample sample : samples) {
            KafkaSample.Group g = sample.groups().get(group);
            Long committed = g == null ? null : effectiveCommitted(sample, g, tp);
            Long end = sample.endOffset(tp);
            if (committed != null && end != null) {
                points.add(new Point(sample.at(), committed, end));
            }
        }
        return points;
    }

    /** The group's committed offset of {@code tp}, or the partition's log start when it never committed there. */
    public static Long effectiveCommitted(KafkaSample sample, KafkaSample.Group group,
            org.apache.kafka.common.TopicPartition tp) {
        Long committed = group.committed().get(tp);
        if (committed != null) {
            return committed;
        }
        KafkaSample.Topic topic = sample.topics().get(tp.topic());
        return topic == null ? null : topic.startOffsets().get(tp.partition());
    }

    /** Every partition of every topic the group commits on or is assigned. */
    public static java.util.SortedSet<org.apache.kafka.common.TopicPartition> partitions(KafkaSample sample,
            KafkaSample.Group group) {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        group.committed().keySet().forEach(tp -> topics.add(tp.topic()));
        group.members().forEach(m -> m.partitions().forEach(p -> topics.add(p.substring(0, p.lastIndexOf('-')))));
        java.util.SortedSet<org.apache.kafka.common.TopicPartition> all = new java.util.TreeSet<>(
                java.util.Comparator.comparing(org.apache.kafka.common.TopicPartition::topic)
                        .thenComparingInt(org.apache.kafka.common.TopicPartition::partition));
        all.addAll(group.committed().keySet());
        for (String name : topics) {
            KafkaSample.Topic topic = sample.topics().get(name);
            if (topic != null) {
                topic.partitions().forEach(p -> all.add(new org.apache.kafka.common.TopicPartition(name, p.partition())));
            }
        }
        return all;
    }
}
