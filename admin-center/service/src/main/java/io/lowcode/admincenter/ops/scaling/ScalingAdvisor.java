package io.lowcode.admincenter.ops.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.lowcode.admincenter.api.ops.ConsumerGroupView;
import io.lowcode.admincenter.api.ops.ScalingAdvice;
import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.lowcode.admincenter.ops.monitoring.LagStatus;
import io.lowcode.admincenter.ops.monitoring.MonitoringViews;
import io.lowcode.admincenter.ops.monitoring.SampleHistory;

/**
 * Scaling advice from lag and rates. A group that keeps up needs as many consumers as it has (at least one); a group
 * that falls behind processed {@code consumed / members} records a second per consumer, so it needs
 * {@code ceil((produced + lag / drain) / perConsumer)} consumers — capped at the partition count of its largest topic,
 * beyond which consumers sit idle. When the cap binds, the topic needs more partitions (rounded up to a multiple of the
 * consumers per pod); applying that is a configuration change ({@code topics.<topic>.partitions}) that waits for the
 * group to catch up, because keys move to other partitions.
 */
@ApplicationScoped
public class ScalingAdvisor {

    static final String KEEP = "keep";
    static final String SCALE_UP = "scale-up";
    static final String SCALE_DOWN = "scale-down";
    static final String EXPAND = "expand-partitions";

    private final MonitoringViews views;
    private final SampleHistory history;
    private final ScalingConfig config;

    public ScalingAdvisor(MonitoringViews views, SampleHistory history, ScalingConfig config) {
        this.views = views;
        this.history = history;
        this.config = config;
    }

    public Optional<ScalingAdvice> advice() {
        return views.latest().map(this::advice);
    }

    ScalingAdvice advice(KafkaSample sample) {
        int perPod = Math.max(1, config.consumersPerPod());
        long drain = Math.max(1, config.drainWithin().toSeconds());
        List<ScalingAdvice.Group> groups = new ArrayList<>();
        Map<String, List<String>> limited = new TreeMap<>();
        Map<String, Integer> wantedPartitions = new LinkedHashMap<>();
        for (ConsumerGroupView g : views.groups(sample)) {
            KafkaSample.Group group = sample.groups().get(g.groupId());
            Map<String, Integer> topics = new TreeMap<>();
            for (TopicPartition tp : LagStatus.partitions(sample, group)) {
                KafkaSample.Topic t = sample.topics().get(tp.topic());
                if (t != null) {
                    topics.put(t.name(), t.partitions().size());
                }
            }
            if (topics.isEmpty()) {
                continue;
            }
            String largest = topics.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            int partitions = topics.get(largest);
            double produced = topics.keySet().stream()
                    .mapToDouble(t -> history.produceRate(t, sample.at()).orElse(0.0)).sum();
            Double consumed = g.consumeRatePerSecond();
            int members = g.members().size();
            Decision d = decide(members, partitions, g.totalLag(), produced, consumed, drain, perPod);
            groups.add(new ScalingAdvice.Group(g.groupId(), members, partitions, g.totalLag(), round(produced), consumed,
                    d.needed(), d.recommended(), d.pods(), d.action(), d.reason()));
            if (EXPAND.equals(d.action())) {
                limited.computeIfAbsent(largest, t -> new ArrayList<>()).add(g.groupId());
                int want = ((d.needed() + perPod - 1) / perPod) * perPod;
                wantedPartitions.merge(largest, want, Math::max);
            }
        }
        List<ScalingAdvice.Topic> topics = new ArrayList<>();
        limited.forEach((topic, limitedGroups) -> topics.add(new ScalingAdvice.Topic(topic,
                sample.topics().get(topic).partitions().size(), wantedPartitions.get(topic), limitedGroups,
                "adding partitions moves keys to other partitions: the expansion waits until every group of " + topic
                        + " has no lag, so each key's older events are applied before its newer ones")));
        return new ScalingAdvice(sample.at(), perPod, drain, groups, topics);
    }

    /** The decision for one group. */
    record Decision(int needed, int recommended, int pods, String action, String reason) {
    }

    static Decision decide(int members, int partitions, long lag, double produced, Double consumed, long drainSeconds,
            int perPod) {
        int current = Math.max(1, members);
        int maxPods = (partitions + perPod - 1) / perPod;
        if (lag == 0 || consumed == null || consumed <= 0) {
            int pods = Math.min(maxPods, Math.max(1, (current + perPod - 1) / perPod));
            String why = lag == 0 ? "keeps up (no lag)" : "lagging but nothing consumed in the window: its consumers "
                    + "are stuck or gone — scaling does not help, see its status";
            return new Decision(current, Math.min(current, partitions), pods, KEEP, why);
        }
        double perConsumer = consumed / current;
        double wanted = produced + (double) lag / drainSeconds;
        int needed = (int) Math.max(1, Math.ceil(wanted / perConsumer));
        int recommended = Math.min(needed, partitions);
        int pods = Math.max(1, (recommended + perPod - 1) / perPod);
        String reason = String.format("%.1f rec/s per consumer; needs %.1f rec/s (%.1f arriving + %d lag over %d s)",
                perConsumer, wanted, produced, lag, drainSeconds);
        if (needed > partitions) {
            return new Decision(needed, recommended, pods, EXPAND, reason + ": " + needed + " consumers wanted, "
                    + partitions + " partitions allow " + partitions);
        }
        String action = recommended > current ? SCALE_UP : recommended < current ? SCALE_DOWN : KEEP;
        return new Decision(needed, recommended, pods, action, reason);
    }

    private static Double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
