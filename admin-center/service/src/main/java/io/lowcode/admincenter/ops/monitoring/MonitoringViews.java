package io.lowcode.admincenter.ops.monitoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.lowcode.admincenter.api.ops.ClusterHealth;
import io.lowcode.admincenter.api.ops.ConsumerGroupView;
import io.lowcode.admincenter.api.ops.TopicView;

/**
 * What the operations API and the alert rules see, computed from {@link SampleHistory}: cluster health, topics with
 * their produce rate, consumer groups with lag, consume rate and Burrow status ({@link LagStatus}).
 */
@ApplicationScoped
public class MonitoringViews {

    static final int MAX_AFFECTED = 100;

    private final SampleHistory history;

    public MonitoringViews(SampleHistory history) {
        this.history = history;
    }

    /** The newest sample, if any was taken. */
    public Optional<KafkaSample> latest() {
        return history.latest();
    }

    public String lastError() {
        return history.lastError();
    }

    public ClusterHealth cluster(KafkaSample sample) {
        int total = 0;
        int under = 0;
        int underMin = 0;
        int offline = 0;
        List<String> affected = new ArrayList<>();
        for (KafkaSample.Topic topic : sample.topics().values()) {
            for (KafkaSample.Partition p : topic.partitions()) {
                total++;
                boolean bad = false;
                if (p.leader() == null) {
                    offline++;
                    bad = true;
                }
                if (p.isr().size() < p.replicas().size()) {
                    under++;
                    bad = true;
                }
                if (topic.minIsr() != null && p.isr().size() < topic.minIsr()) {
                    underMin++;
                    bad = true;
                }
                if (bad && affected.size() < MAX_AFFECTED) {
                    affected.add(topic.name() + "-" + p.partition());
                }
            }
        }
        return new ClusterHealth(sample.at(), sample.clusterId(), sample.controllerId(), sample.brokers(),
                sample.quorum(), new ClusterHealth.PartitionHealth(total, under, underMin, offline, affected));
    }

    public List<TopicView> topics(KafkaSample sample) {
        return sample.topics().values().stream().map(t -> view(sample, t)).toList();
    }

    private TopicView view(KafkaSample sample, KafkaSample.Topic t) {
        return new TopicView(t.name(), t.partitions().size(), t.replicationFactor(), t.minIsr(), t.retentionMs(),
                t.cleanupPolicy(), t.records(),
                history.produceRate(t.name(), sample.at()).map(MonitoringViews::round).orElse(null));
    }

    /** One topic with each partition's leader, replicas, ISR and offsets. */
    public Optional<io.lowcode.admincenter.api.ops.TopicDetail> topic(KafkaSample sample, String name) {
        KafkaSample.Topic t = sample.topics().get(name);
        if (t == null) {
            return Optional.empty();
        }
        return Optional.of(new io.lowcode.admincenter.api.ops.TopicDetail(view(sample, t), t.partitions().stream()
                .map(p -> new io.lowcode.admincenter.api.ops.TopicDetail.Partition(p.partition(), p.leader(), p.replicas(),
                        p.isr(), t.startOffsets().get(p.partition()), t.endOffsets().get(p.partition()))).toList()));
    }

    /** Every group, without the window samples. */
    public List<ConsumerGroupView> groups(KafkaSample sample) {
        List<KafkaSample> window = history.window();
        return sample.groups().keySet().stream().map(id -> group(sample, window, id, false)).toList();
    }

    /** One group with its evidence, if it exists. */
    public Optional<ConsumerGroupView> group(KafkaSample sample, String groupId) {
        return sample.groups().containsKey(groupId) ? Optional.of(group(sample, history.window(), groupId, true))
                : Optional.empty();
    }

    private ConsumerGroupView group(KafkaSample sample, List<KafkaSample> window, String groupId, boolean evidence) {
        KafkaSample.Group group = sample.groups().get(groupId);
        Map<String, String> owners = new java.util.HashMap<>();
        group.members().forEach(m -> m.partitions().forEach(p -> owners.put(p, m.memberId())));
        java.util.SortedSet<TopicPartition> partitions = LagStatus.partitions(sample, group);
        long totalLag = 0;
        List<ConsumerGroupView.PartitionLag> lags = new ArrayList<>();
        List<LagStatus.Partition> statuses = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long committed = group.committed().get(tp);
            Long from = LagStatus.effectiveCommitted(sample, group, tp);
            Long end = sample.endOffset(tp);
            Long lag = from == null || end == null ? null : Math.max(0, end - from);
            totalLag += lag == null ? 0 : lag;
            String owner = owners.get(tp.toString());
            List<LagStatus.Point> points = LagStatus.window(window, groupId, tp);
            LagStatus.Partition status = LagStatus.partition(points, history.windowSize(), owner != null);
            statuses.add(status);
            lags.add(new ConsumerGroupView.PartitionLag(tp.topic(), tp.partition(), committed, end, lag, owner,
                    status.name(), !evidence ? List.of() : points.stream().map(p -> new ConsumerGroupView.OffsetSample(
                            p.at(), p.committed(), p.end(), p.lag())).toList()));
        }
        double span = window.size() < 2 ? 0
                : Duration.between(window.get(0).at(), window.get(window.size() - 1).at()).toMillis() / 1000.0;
        return new ConsumerGroupView(groupId, group.state(), LagStatus.group(statuses).name(), totalLag,
                consumeRate(window, groupId), group.members(), lags,
                new ConsumerGroupView.Window(window.size(), history.windowSize(), span), sample.at());
    }

    /** Committed offsets advanced per second between the oldest and newest sample of the window. */
    private static Double consumeRate(List<KafkaSample> window, String groupId) {
        if (window.size() < 2) {
            return null;
        }
        KafkaSample.Group first = window.get(0).groups().get(groupId);
        KafkaSample.Group last = window.get(window.size() - 1).groups().get(groupId);
        if (first == null || last == null) {
            return null;
        }
        long advanced = 0;
        for (Map.Entry<TopicPartition, Long> now : last.committed().entrySet()) {
            Long before = first.committed().get(now.getKey());
            if (before != null) {
                advanced += Math.max(0, now.getValue() - before);
            }
        }
        double seconds = Duration.between(window.get(0).at(), window.get(window.size() - 1).at()).toMillis() / 1000.0;
        return seconds <= 0 ? null : round(advanced / seconds);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
