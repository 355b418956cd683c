package io.lowcode.admincenter.ops.alert;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.smallrye.mutiny.Uni;

/** {@code consumer-group-lag}: a watched group's total lag is above the threshold (for {@code for}, default 10 min). */
@ApplicationScoped
public class ConsumerGroupLagRule implements AlertRule {

    static final String NAME = "consumer-group-lag";

    private final FreshSample sample;
    private final AlertsConfig.ConsumerGroupLag config;
    private final Pattern groups;

    public ConsumerGroupLagRule(FreshSample sample, AlertsConfig config) {
        this.sample = sample;
        this.config = config.consumerGroupLag();
        this.groups = Pattern.compile(this.config.groups());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AlertsConfig.Rule config() {
        return config;
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
