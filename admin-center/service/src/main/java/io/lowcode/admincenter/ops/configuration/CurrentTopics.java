package io.lowcode.admincenter.ops.configuration;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.lowcode.admincenter.ops.monitoring.MonitoringViews;
import io.smallrye.mutiny.Uni;

/** The topics as the sampler last saw them (partition counts, retention), for validation and drift. */
@ApplicationScoped
public class CurrentTopics {

    private final MonitoringViews views;

    public CurrentTopics(MonitoringViews views) {
        this.views = views;
    }

    /** Partition count per topic; empty before the first sample. */
    public Uni<Map<String, Integer>> partitions() {
        return Uni.createFrom().item(() -> {
            Map<String, Integer> counts = new TreeMap<>();
            views.latest().ifPresent(sample -> sample.topics().values()
                    .forEach(t -> counts.put(t.name(), t.partitions().size())));
            return counts;
        });
    }

    /** The newest sample's topics, if any. */
    public java.util.Optional<Map<String, KafkaSample.Topic>> topics() {
        return views.latest().map(KafkaSample::topics);
    }
}
