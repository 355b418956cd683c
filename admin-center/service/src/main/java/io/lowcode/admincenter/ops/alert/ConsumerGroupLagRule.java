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
    private final AlertThresholds thresholds;

    public ConsumerGroupLagRule(FreshSample sample, AlertsConfig config, AlertThresholds thresholds) {
        super(NAME, config.consumerGroupLag());
        this.sample = sample;
        this.groups = Pattern.compile(this.config.groups());
        this.thresholds = thresholds;
    }

    @Override
    public AlertsConfig.Rule config() {
        // `for` may be managed: the evaluator reads it through this view at each evaluation
        return new AlertsConfig.Rule() {
            @Override
            public boolean enabled() {
                return config.enabled();
            }

            @Override
            public io.lowcode.eventschema.payload.Severity severity() {
                return config.severity();
            }

            @Override
            public java.time.Duration forDuration() {
                return thresholds.consumerGroupLagFor();
            }
        };
    }

    @Override
    public Uni<List<Condition>> evaluate() {
        return Uni.createFrom().item(() -> {
            KafkaSample now = sample.get();
            long threshold = thresholds.consumerGroupLag();
            return sample.views().groups(now).stream()
                    .filter(g -> groups.matcher(g.groupId()).matches() && g.totalLag() > threshold)
                    .map(g -> new Condition(NAME, g.groupId(), config.severity(), "consumer group " + g.groupId()
                            + " is " + g.totalLag() + " records behind (threshold " + threshold + ")",
                            ConsumerGroupStatusRule.evidence(g)))
                    .toList();
        });
    }
}
