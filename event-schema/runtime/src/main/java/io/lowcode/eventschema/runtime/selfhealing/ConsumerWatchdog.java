package io.lowcode.eventschema.runtime.selfhealing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Restarts a consumer channel that stalls, in-process. Each copy of a channel applies its records one at a time; the
 * watchdog knows which record each copy holds and whether an attempt to apply it is running. An attempt that runs
 * longer than {@code lowcode.self-healing.consumer.stall-timeout} without ending (a handler waiting on a lock or on a
 * connection that never answers) is a stall. The restart:
 * <ol>
 * <li>lets go of the stuck record: the channel goes on as if it had been handled, but it is neither acknowledged nor
 * dead-lettered, so its offset is never committed;</li>
 * <li>makes the copy's Kafka consumer rejoin its group ({@code Consumer.enforceRebalance}, on the connector's polling
 * thread): the group's partitions are revoked — the connector commits what was applied and drops what it had fetched —
 * and assigned again from the committed offsets, so the stuck record is delivered again, to whichever copy gets its
 * partition.</li>
 * </ol>
 * Nothing is lost (the record comes back) and nothing is applied twice (the inbox skips what the abandoned attempt may
 * still commit; a state change older than one applied meanwhile is skipped as stale). The incident is HEALED once the
 * record it was stuck on has been applied, FAILED if that did not happen within twice the stall timeout; a channel that
 * keeps stalling is restarted again with doubling pauses (up to 10 minutes), each time recorded.
 */
@ApplicationScoped
public class ConsumerWatchdog {

    private static final Duration MAX_PAUSE = Duration.ofMinutes(10);

    /** What the processing of one record reports: an attempt started, an attempt ended. */
    public interface Attempts {
        void started();

        void ended();

        Attempts NONE = new Attempts() {
            @Override
            public void started() {
            }

            @Override
            public void ended() {
            }
        };
    }

    private final KafkaClientService clients;
    private final Incidents incidents;
    private final SelfHealingConfig.Consumer config;
    private final MeterRegistry registry;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final Map<String, Restart> restarts = new ConcurrentHashMap<>();

    public ConsumerWatchdog(KafkaClientService clients, Incidents incidents, SelfHealingConfig config,
            MeterRegistry registry) {
        this.clients = clients;
        this.incidents = incidents;
        this.config = config.consumer();
        this.registry = registry;
    }

    /** The record a copy of a channel holds. */
    private static final class Held {
        final String channel;
        final TopicPartition partition;
        final long offset;
        final AtomicLong attemptSince = new AtomicLong();
        final CompletableFuture<Void> released = new CompletableFuture<>();
        volatile boolean abandoned;

        Held(String channel, TopicPartition partition, long offset) {
            this.channel = channel;
            this.partition = partition;
            this.offset = offset;
        }
    }

    /** A restart waiting for its outcome. */
    private record Restart(String channel, TopicPartition partition, long offset, Instant detectedAt, long restartedAt,
            String detection, String action, int failures, long notBefore) {
    }

    /**
     * Runs {@code processing} of the record described by {@code record} under watch; the returned Uni completes when the
     * processing does, or — with nothing — when a restart lets go of the record.
     */
    public Uni<Void> guard(IncomingKafkaRecordMetadata<?, ?> record, Function<Attempts, Uni<Void>> processing) {
        if (!config.enabled()) {
            return processing.apply(Attempts.NONE);
        }
        Held h = new Held(record.getChannel(), new TopicPartition(record.getTopic(), record.getPartition()),
                record.getOffset());
        held.put(h.channel, h);
        Attempts attempts = new Attempts() {
            @Override
            public void started() {
                h.attemptSince.set(System.nanoTime());
            }

            @Override
            public void ended() {
                h.attemptSince.set(0);
            }
        };
        Uni<Void> run;
        try {
            run = processing.apply(attempts);
        } catch (RuntimeException e) {
            run = Uni.createFrom().failure(e);
        }
        run.subscribe().with(ignored -> finished(h, null), failure -> finished(h, failure));
        return Uni.createFrom().emitter(emitter -> h.released.whenComplete((ignored, failure) -> {
            if (failure == null) {
                emitter.complete(null);
            } else {
                emitter.fail(failure);
            }
        }));
    }

    private void finished(Held h, Throwable failure) {
        if (h.abandoned && failure == null) {
            // applied (or skipped as applied) once its cause went away: the record is no longer stuck
            applied.merge(key(h.channel, h.partition), h.offset, Math::max);
        }
        if (h.abandoned) {
            Log.infof("the abandoned attempt on %s-%d@%d of %s ended after the restart (%s); its record is delivered "
                    + "again and the inbox keeps it to once", h.partition.topic(), h.partition.partition(), h.offset,
                    h.channel, failure == null ? "it committed or skipped" : failure.toString());
            return;
        }
        held.remove(h.channel, h);
        if (failure == null) {
            applied.merge(key(h.channel, h.partition), h.offset, Math::max);
            h.released.complete(null);
        } else {
            h.released.completeExceptionally(failure);
        }
    }

    @Scheduled(every = "${lowcode.self-healing.check-interval:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        long now = System.nanoTime();
        List<Uni<Void>> records = new ArrayList<>();
        for (Held h : held.values()) {
            long since = h.attemptSince.get();
            if (!h.abandoned && since != 0 && now - since > config.stallTimeout().toNanos()) {
                Restart previous = restarts.get(h.channel);
                if (previous == null || now >= previous.notBefore()) {
                    restart(h, now - since, previous);
                }
            }
        }
        for (Restart r : restarts.values()) {
            if (r.restartedAt() == 0) {
                continue;
            }
            Long done = applied.get(key(r.channel(), r.partition()));
            boolean healed = done != null && done >= r.offset();
            if (healed || now - r.restartedAt() > verifyWindow()) {
                restarts.put(r.channel(), new Restart(r.channel(), r.partition(), r.offset(), r.detectedAt(), 0,
                        r.detection(), r.action(), healed ? 0 : r.failures() + 1,
                        healed ? 0 : now + pause(r.failures() + 1)));
                Instant end = Instant.now();
                records.add(incidents.record(new Incidents.Incident(Incidents.CONSUMER_STALLED, base(r.channel()),
                        r.detectedAt(), r.detection(), r.action(), healed ? Incidents.HEALED : Incidents.FAILED,
                        healed ? "the record it was stuck on was applied " + Duration.ofNanos(now - r.restartedAt())
                                .toMillis() + " ms after the restart"
                                : "the record was still not applied " + Duration.ofNanos(verifyWindow()).toSeconds()
                                        + " s after the restart; the next restart waits " + Duration.ofNanos(
                                                pause(r.failures() + 1)).toSeconds() + " s", end)));
            }
        }
        return records.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(records).andCollectFailures()
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /** How long after a restart the record must have been applied: the group's rebalance takes a few seconds. */
    private long verifyWindow() {
        return Math.max(2 * config.stallTimeout().toNanos(), Duration.ofSeconds(10).toNanos());
    }

    private long pause(int failures) {
        long pause = config.stallTimeout().toNanos() << Math.min(failures, 10);
        return Math.min(pause, MAX_PAUSE.toNanos());
    }

    private void restart(Held h, long stuckNanos, Restart previous) {
        String where = h.partition.topic() + "-" + h.partition.partition() + "@" + h.offset;
        String detection = "copy " + h.channel + ": no progress for " + Duration.ofNanos(stuckNanos).toSeconds() + " s on " + where
                + " (an attempt to apply it neither ended nor failed)";
        String action = "restarted the channel: let go of the record uncommitted and made its Kafka consumer rejoin "
                + "group; the partition is consumed again from its committed offset";
        Log.warnf("consumer %s stalled: %s; restarting it", h.channel, detection);
        registry.counter("lowcode.consumer.restarts", "channel", base(h.channel)).increment();
        h.abandoned = true;
        held.remove(h.channel, h);
        h.released.complete(null);
        restarts.put(h.channel, new Restart(h.channel, h.partition, h.offset, Instant.now(), System.nanoTime(),
                detection, action, previous == null ? 0 : previous.failures(), 0));
        for (KafkaConsumer<Object, Object> consumer : consumersOf(h.channel)) {
            consumer.runOnPollingThread(c -> {
                c.enforceRebalance("channel " + h.channel + " stalled on " + where);
            }).subscribe().with(ignored -> Log.infof("consumer %s rejoins its group", h.channel),
                    failure -> Log.warnf("consumer %s could not rejoin its group: %s", h.channel, failure.toString()));
        }
    }

    private List<KafkaConsumer<Object, Object>> consumersOf(String channel) {
        List<KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
        return consumers == null || consumers.isEmpty() ? clients.getConsumers(base(channel)) : consumers;
    }

    /** How many restarts of stalled channels this pod did. */
    public long restarts(String channel) {
        var counter = registry.find("lowcode.consumer.restarts").tag("channel", base(channel)).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private static String key(String channel, TopicPartition partition) {
        return base(channel) + "|" + partition;
    }

    /** The channel without the {@code $n} of a concurrent copy. */
    static String base(String channel) {
        return channel.replaceFirst("\\$\\d+$", "");
    }
}
