package io.lowcode.admincenter.ops.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import io.lowcode.admincenter.api.ops.ConsumerGroupView;
import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.lowcode.admincenter.ops.monitoring.LagStatus;
import io.smallrye.mutiny.Uni;

/** {@code consumer-group-status}: a watched group's Burrow status is one of the configured ones (ERR, STALL, STOP…). */
@Singleton
public class ConsumerGroupStatusRule extends NamedRule<AlertsConfig.ConsumerGroupStatus> {

    static final String NAME = "consumer-group-status";

    private final FreshSample sample;
    private final Pattern groups;

    public ConsumerGroupStatusRule(FreshSample sample, AlertsConfig config) {
        super(NAME, config.consumerGroupStatus());
        this.sample = sample;
        this.groups = Pattern.compile(this.config.groups());
    }

    @Override
    public Uni<List<Condition>> evaluate() {
        return Uni.createFrom().item(() -> {
            KafkaSample now = sample.get();
            List<Condition> firing = new ArrayList<>();
            for (ConsumerGroupView listed : sample.views().groups(now)) {
                if (!groups.matcher(listed.groupId()).matches()
                        || !config.statuses().contains(LagStatus.Group.valueOf(listed.status()))) {
                    continue;
                }
                ConsumerGroupView group = sample.views().group(now, listed.groupId()).orElse(listed);
                firing.add(new Condition(NAME, group.groupId(), config.severity(), "consumer group " + group.groupId()
                        + " is " + group.status() + " with a lag of " + group.totalLag(), evidence(group)));
            }
            return firing;
        });
    }

    /** Status, state, lag, members and, per partition not OK, its status and window samples. */
    static java.util.Map<String, String> evidence(ConsumerGroupView group) {
        Evidence evidence = new Evidence().put("group", group.groupId()).put("status", group.status())
                .put("state", group.state()).put("totalLag", group.totalLag())
                .put("members", group.members().size())
                .put("window", group.window().samples() + " samples over " + group.window().spanSeconds() + " s");
        for (ConsumerGroupView.PartitionLag p : group.partitions()) {
            if (!"OK".equals(p.status())) {
                evidence.put(p.topic() + "-" + p.partition(), p.status() + " lag " + p.lag() + " owner "
                        + (p.owner() == null ? "none" : p.owner()) + "; samples (time committed/end): "
                        + p.evidence().stream().map(s -> s.at() + " " + s.committed() + "/" + s.end())
                                .collect(Collectors.joining(", ")));
            }
        }
        return evidence.map();
    }
}
