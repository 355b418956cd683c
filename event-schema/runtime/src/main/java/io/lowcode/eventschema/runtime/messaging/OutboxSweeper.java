package io.lowcode.eventschema.runtime.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The periodic relay: publishes whatever the after-commit path did not (Kafka was down, the pod crashed
 * between commit and publish, the request's wait ran out). Backs off exponentially while Kafka keeps
 * failing, updates the outbox backlog gauge, and purges rows published long ago.
 */
@ApplicationScoped
public class OutboxSweeper {

    private static final int MAX_PASSES_PER_SWEEP = 50;
    /**
     * Passes run side by side: while one waits for Kafka's acks or its commit, another claims. Safe for
     * ordering — a pass never sends a key whose older row another pass holds.
     */
    private static final int PARALLEL_PASSES = 3;
    private static final Duration KEEP_PUBLISHED = Duration.ofDays(7);

    private final OutboxRelay relay;
    private final EventMetrics metrics;
    private final MessagingConfig.Relay config;
    private volatile long notBefore;
    private volatile Duration backoff;

    public OutboxSweeper(OutboxRelay relay, EventMetrics metrics, MessagingConfig config) {
        this.relay = relay;
        this.metrics = metrics;
        this.config = config.relay();
        this.backoff = this.config.initialBackoff();
    }

    @Scheduled(every = "${lowcode.messaging.relay.sweep-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        if (System.nanoTime() < notBefore) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(java.util.stream.IntStream.range(0, PARALLEL_PASSES).mapToObj(i -> passes(0, 0)).toList())
                .andFailFast()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())
                .invoke(published -> {
                    backoff = config.initialBackoff();
                    if (published > 0) {
                        Log.infof("outbox sweep published %d event(s)", published);
                    }
                })
                .onFailure().invoke(failure -> {
                    notBefore = System.nanoTime() + backoff.toNanos();
                    Log.warnf("outbox sweep failed, next try in %s: %s", backoff, failure.toString());
                    backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                            : backoff.multipliedBy(2);
                })
                .onFailure().recoverWithNull()
                .call(() -> relay.backlogAndOldest().invoke(b -> metrics.outboxBacklog(b.pending(), b.oldest()))
                        .onFailure().recoverWithNull())
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return relay.purgePublished(KEEP_PUBLISHED)
                .invoke(deleted -> Log.debugf("purged %d published outbox rows", deleted))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Integer> passes(int done, int published) {
        return relay.publishPass().flatMap(pass -> {
            if (pass.failed() > 0) {
                return Uni.createFrom().failure(new IllegalStateException(
                        pass.failed() + " event(s) not acknowledged by Kafka"));
            }
            int total = published + pass.published();
            return pass.mayContinue() && done + 1 < MAX_PASSES_PER_SWEEP ? passes(done + 1, total)
                    : Uni.createFrom().item(total);
        });
    }
}
