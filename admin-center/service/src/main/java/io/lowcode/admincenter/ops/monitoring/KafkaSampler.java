package io.lowcode.admincenter.ops.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The one background sampler of the Kafka cluster: every {@code lowcode.ops.sampling.interval} it reads the cluster,
 * topics and consumer groups ({@link KafkaReader}) into {@link SampleHistory}, which the API and the alert rules
 * read. A reading that fails (Kafka unreachable) is logged once and reported by the API; the history keeps the
 * last good samples.
 */
@ApplicationScoped
public class KafkaSampler {

    private final KafkaReader reader;
    private final SampleHistory history;
    private final SamplingConfig config;
    private final HourHistory hour;
    private volatile boolean stopped;

    public KafkaSampler(KafkaReader reader, SampleHistory history, SamplingConfig config, HourHistory hour) {
        this.reader = reader;
        this.history = history;
        this.config = config;
        this.hour = hour;
    }

    @Scheduled(every = "${lowcode.ops.sampling.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sample() {
        if (!config.enabled() || stopped) {
            return Uni.createFrom().voidItem();
        }
        return reader.read()
                .ifNoItem().after(config.kafkaTimeout().multipliedBy(2)).fail()
                .invoke(history::add)
                .invoke(hour::add)
                .onFailure().invoke(failure -> {
                    String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
                    if (!error.equals(history.lastError())) {
                        Log.warnf("cannot sample the Kafka cluster (the operations API shows the last good sample): %s",
                                error);
                    }
                    history.failed(error);
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
    }
}
