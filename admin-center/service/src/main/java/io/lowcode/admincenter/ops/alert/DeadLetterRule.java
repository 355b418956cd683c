package io.lowcode.admincenter.ops.alert;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.lowcode.admincenter.ops.monitoring.SampleHistory;
import io.lowcode.eventschema.Topics;
import io.smallrye.mutiny.Uni;

/**
 * {@code dead-letters}: a dead-letter topic ({@code *.dlq}) gained more than {@code threshold} records within
 * {@code lookback}, read from its sampled end offsets (not from any index of dead letters). Clears once no new dead
 * letter arrived for {@code lookback}.
 */
@Singleton
public class DeadLetterRule extends NamedRule<AlertsConfig.DeadLetters> {

    static final String NAME = "dead-letters";

    private final FreshSample sample;
    private final SampleHistory history;
    private final AlertThresholds thresholds;

    public DeadLetterRule(FreshSample sample, SampleHistory history, AlertsConfig config, AlertThresholds thresholds) {
        super(NAME, config.deadLetters());
        this.sample = sample;
        this.history = history;
        this.thresholds = thresholds;
    }

    @Override
    public Uni<List<Condition>> evaluate() {
        return Uni.createFrom().item(() -> {
            KafkaSample now = sample.get();
            List<Condition> firing = new ArrayList<>();
            long threshold = thresholds.deadLetters();
            for (String topic : now.topics().keySet()) {
                if (!topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                    continue;
                }
                history.growth(topic, config.lookback()).filter(g -> g[0] > threshold).ifPresent(g ->
                        firing.add(new Condition(NAME, topic, config.severity(), g[0] + " new dead letter(s) on " + topic
                                + " within " + config.lookback().toMinutes() + " min", new Evidence().put("topic", topic)
                                .put("newDeadLetters", g[0]).put("endOffsetsFrom", g[1]).put("endOffsetsTo", g[2])
                                .put("lookback", config.lookback()).put("records", now.topics().get(topic).records())
                                .put("sampledAt", now.at()).map())));
            }
            return firing;
        });
    }
}
