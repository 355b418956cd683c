package io.lowcode.admincenter.ops.configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ops.ConfigurationVersion;
import io.lowcode.admincenter.api.ops.ConsumerGroupView;
import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.lowcode.admincenter.ops.monitoring.MonitoringViews;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Applies partition increases of the managed configuration safely: adding partitions changes which partition a key
 * hashes to, so a key's new events could be read before its old ones still waiting in the old partition. The expansion
 * therefore waits until every consumer group reading the topic has no lag on it (everything produced so far has been
 * applied), then expands; a late record of the same object is still skipped by the consumers' applied positions. If the
 * groups do not catch up within {@code lowcode.ops.configuration.expansion-timeout}, nothing is changed and the item is
 * FAILED (shown as drift).
 */
@ApplicationScoped
public class PartitionExpansions {

    private final ConfigurationStore store;
    private final MonitoringViews views;
    private final TopicSettings topics;
    private final ConfigurationConfig config;

    public PartitionExpansions(ConfigurationStore store, MonitoringViews views, TopicSettings topics,
            ConfigurationConfig config) {
        this.store = store;
        this.views = views;
        this.topics = topics;
        this.config = config;
    }

    @Scheduled(every = "${lowcode.ops.sampling.interval:5s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expand() {
        return store.pending().flatMap(pending -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (StoredVersion v : pending) {
                all = all.call(() -> advance(v));
            }
            return all;
        }).onFailure().invoke(f -> Log.warnf("partition expansions: %s", f.toString())).onFailure().recoverWithNull();
    }

    private Uni<Void> advance(StoredVersion v) {
        KafkaSample sample = views.latest().orElse(null);
        if (sample == null) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<ConfigurationVersion.ApplyResult>> results = new ArrayList<>();
        for (ConfigurationVersion.ApplyResult r : v.apply()) {
            if (!"WAITING".equals(r.status())) {
                results.add(Uni.createFrom().item(r));
                continue;
            }
            String topic = ParameterCatalog.topicOf(r.key()).orElseThrow();
            int wanted = Integer.parseInt(v.parameters().get(r.key()));
            results.add(step(v, r, topic, wanted, sample));
        }
        return Uni.join().all(results).andFailFast().flatMap(done -> {
            if (done.equals(v.apply())) {
                return Uni.createFrom().voidItem();
            }
            String status = done.stream().anyMatch(x -> "FAILED".equals(x.status())) ? StoredVersion.FAILED
                    : done.stream().anyMatch(x -> "WAITING".equals(x.status())) ? StoredVersion.PENDING
                    : StoredVersion.APPLIED;
            return store.updateApply(v.version(), status, done);
        });
    }

    private Uni<ConfigurationVersion.ApplyResult> step(StoredVersion v, ConfigurationVersion.ApplyResult r, String topic,
            int wanted, KafkaSample sample) {
        KafkaSample.Topic t = sample.topics().get(topic);
        if (t != null && t.partitions().size() >= wanted) {
            return Uni.createFrom().item(new ConfigurationVersion.ApplyResult(r.key(), "APPLIED", topic + " has "
                    + t.partitions().size() + " partitions"));
        }
        long lag = 0;
        List<String> lagging = new ArrayList<>();
        for (ConsumerGroupView group : views.groups(sample)) {
            long onTopic = group.partitions().stream().filter(p -> p.topic().equals(topic))
                    .mapToLong(p -> p.lag() == null ? 0 : p.lag()).sum();
            if (onTopic > 0) {
                lag += onTopic;
                lagging.add(group.groupId() + " (" + onTopic + ")");
            }
        }
        if (lag == 0) {
            int from = t == null ? 0 : t.partitions().size();
            return topics.partitions(topic, wanted).replaceWith(new ConfigurationVersion.ApplyResult(r.key(), "APPLIED",
                    "expanded " + topic + " from " + from + " to " + wanted + " partitions once no consumer group lagged "
                            + "on it (keys now hash over " + wanted + " partitions)"))
                    .onFailure().recoverWithItem(f -> new ConfigurationVersion.ApplyResult(r.key(), "FAILED",
                            "Kafka refused the expansion: " + f.getMessage()));
        }
        if (Duration.between(v.changedAt(), Instant.now()).compareTo(config.expansionTimeout()) > 0) {
            return Uni.createFrom().item(new ConfigurationVersion.ApplyResult(r.key(), "FAILED", "not expanded: "
                    + String.join(", ", lagging) + " still lagged on " + topic + " after " + config.expansionTimeout()
                    + "; roll back to version " + v.version() + " to try again once they caught up"));
        }
        return Uni.createFrom().item(new ConfigurationVersion.ApplyResult(r.key(), "WAITING", "waits: "
                + String.join(", ", lagging) + " still to read on " + topic));
    }
}
