package io.lowcode.admincenter.ops.alert;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.smallrye.mutiny.Uni;

/** {@code consumer-group-lag}: a watched group's total lag is above the threshold (for {@code for}, default 10 min). */
@Singleton
public class ConsumerGroupLagRule extends NamedRule<AlertsConfig.ConsumerGroupLag> {

    static final String NAME = "consumer-group-lag";

    private final FreshSample sample;
    private final Pattern groups;

    public ConsumerGroupLagRule(FreshSample sample, AlertsConfig config) {
        super(NAME, config.consumerGroupLag());
        this.sample = sample;
        this.groups = Pattern.compile(this.config.groups());
    }

    @Override
    public Uni<List<Condition>> evaluate() {
        return Uni.createFrom().item(() -> {
            KafkaSample now = sample.get();
            return sample.views().groups(now).stream()
                    .filter(g -> groups.matcher(g.groupId()).matches() && g.totalLag() > config.threshold())
                    .map(g -> new Condition(NAME, g.groupId(), config.severity(), "consumer group " + g.groupId()
                            + " is " + g.totalLag() + " records behind (threshold " + config.threshold() + ")",
                            ConsumerGroupStatusRule.evidence(g)))
                    .toList();
        });
    }
}
