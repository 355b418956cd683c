package io.lowcode.admincenter.ops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.lowcode.admincenter.api.ops.GroupHistory;
import io.lowcode.admincenter.api.ops.Throughput;
import io.lowcode.eventschema.Topics;

/**
 * An hour of every sample, condensed for charts: per consumer group its total lag and committed-offset sum, and the
 * summed end offsets of the business and of the dead-letter topics. In memory, per pod (a new pod starts a new hour);
 * a few hundred kilobytes at the default 5 s interval.
 */
@ApplicationScoped
public class HourHistory {

    static final Duration KEPT = Duration.ofHours(1);
    static final int MAX_POINTS = 360;

    private record GroupPoint(Instant at, long lag, long committed) {
    }

    private record TopicsPoint(Instant at, long business, long deadLetters) {
    }

    private final Map<String, Deque<GroupPoint>> groups = new HashMap<>();
    private final Deque<TopicsPoint> topics = new ArrayDeque<>();

    public synchronized void add(KafkaSample sample) {
        Instant oldest = sample.at().minus(KEPT);
        for (KafkaSample.Group group : sample.groups().values()) {
            long lag = 0;
            long committed = 0;
            for (TopicPartition tp : LagStatus.partitions(sample, group)) {
                Long from = LagStatus.effectiveCommitted(sample, group, tp);
                Long end = sample.endOffset(tp);
                if (from != null && end != null) {
                    lag += Math.max(0, end - from);
                    committed += from;
                }
            }
            Deque<GroupPoint> series = groups.computeIfAbsent(group.groupId(), g -> new ArrayDeque<>());
            series.addLast(new GroupPoint(sample.at(), lag, committed));
            prune(series, oldest, GroupPoint::at);
        }
        groups.keySet().removeIf(g -> !sample.groups().containsKey(g) && groups.get(g).isEmpty());
        long business = 0;
        long dead = 0;
        for (KafkaSample.Topic t : sample.topics().values()) {
            if (t.name().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                dead += t.endOffsetSum();
            } else {
                business += t.endOffsetSum();
            }
        }
        topics.addLast(new TopicsPoint(sample.at(), business, dead));
        prune(topics, oldest, TopicsPoint::at);
    }

    private static <T> void prune(Deque<T> series, Instant oldest, java.util.function.Function<T, Instant> at) {
        while (!series.isEmpty() && at.apply(series.peekFirst()).isBefore(oldest)) {
            series.removeFirst();
        }
    }

    /** The group's points within the last {@code span}, oldest first; empty when the group was never sampled. */
    public synchronized Optional<GroupHistory> group(String groupId, Duration span, Instant now) {
        Deque<GroupPoint> series = groups.get(groupId);
        if (series == null) {
            return Optional.empty();
        }
        List<GroupPoint> within = series.stream().filter(p -> !p.at().isBefore(now.minus(span))).toList();
        List<GroupHistory.Point> points = new ArrayList<>();
        GroupPoint previous = null;
        for (GroupPoint p : thin(within)) {
            Double rate = null;
            if (previous != null) {
                double seconds = Duration.between(previous.at(), p.at()).toMillis() / 1000.0;
                rate = seconds <= 0 ? null : MonitoringViews.round(Math.max(0, p.committed() - previous.committed()) / seconds);
            }
            points.add(new GroupHistory.Point(p.at(), p.lag(), rate));
            previous = p;
        }
        return Optional.of(new GroupHistory(groupId, points));
    }

    public synchronized Throughput throughput(Duration span, Instant now) {
        List<TopicsPoint> within = topics.stream().filter(p -> !p.at().isBefore(now.minus(span))).toList();
        List<Throughput.Point> points = new ArrayList<>();
        TopicsPoint previous = null;
        for (TopicsPoint p : thin(within)) {
            if (previous != null) {
                double seconds = Duration.between(previous.at(), p.at()).toMillis() / 1000.0;
                if (seconds > 0) {
                    points.add(new Throughput.Point(p.at(),
                            MonitoringViews.round(Math.max(0, p.business() - previous.business()) / seconds),
                            MonitoringViews.round(Math.max(0, p.deadLetters() - previous.deadLetters()) / seconds)));
                }
            }
            previous = p;
        }
        return new Throughput(points);
    }

    /** At most {@link #MAX_POINTS}, evenly spaced, the newest kept. */
    private static <T> List<T> thin(List<T> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        int step = (int) Math.ceil(points.size() / (double) MAX_POINTS);
        List<T> kept = new ArrayList<>();
        for (int i = (points.size() - 1) % step; i < points.size(); i += step) {
            kept.add(points.get(i));
        }
        return kept;
    }
}
