package io.lowcode.admincenter.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.lowcode.admincenter.notification.NotifyConfig;
import io.lowcode.admincenter.notification.channel.ChannelSender;
import io.lowcode.admincenter.notification.channel.DeliveryFailure;
import io.lowcode.admincenter.notification.messaging.UndeliverableNotifications;
import io.lowcode.admincenter.notification.persistence.ClaimedDelivery;
import io.lowcode.admincenter.notification.persistence.DeliveryStore;
import io.lowcode.eventschema.payload.Channel;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Delivers PENDING and RETRY rows, off the consumer's path. One lane per channel: it claims due rows
 * ({@link DeliveryStore#claim}, {@code FOR UPDATE SKIP LOCKED}, so several pods share the work) up to its free slots
 * ({@code lowcode.notify.dispatch.concurrency} sends in flight per channel — a hanging SMTP server holds the email
 * lane's slots, never the IM lane's), sends each with a timeout, and records the outcome: SENT; RETRY after an
 * exponential backoff; or, after the last attempt or a permanent failure, a dead letter and FAILED. A new
 * notification wakes the lanes at once; a periodic tick picks up retries that came due and rows another pod left.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private final DeliveryStore store;
    private final UndeliverableNotifications deadLetters;
    private final NotifierMetrics metrics;
    private final NotifyConfig.Dispatch config;
    private final Duration retention;
    private final Map<Channel, Lane> lanes = new EnumMap<>(Channel.class);
    private volatile boolean stopped;

    public DeliveryDispatcher(DeliveryStore store, UndeliverableNotifications deadLetters, NotifierMetrics metrics,
            NotifyConfig config, Instance<ChannelSender> senders) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config.dispatch();
        this.retention = config.retention();
        senders.forEach(sender -> lanes.put(sender.channel(), new Lane(sender)));
    }

    /** Makes every lane look for due deliveries now (after new rows were committed). */
    public void wake() {
        if (config.enabled() && !stopped) {
            lanes.values().forEach(Lane::wake);
        }
    }

    /** A retry comes due: its lane looks then, not only at the next tick. */
    private void wakeAfter(Channel channel, Duration delay) {
        Lane lane = lanes.get(channel);
        Uni.createFrom().voidItem().onItem().delayIt().by(delay).subscribe().with(ignored -> {
            if (!stopped) {
                lane.wake();
            }
        });
    }

    /** No new claims once the application stops (the pool closes); rows in flight are claimed again after their lease. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
    }

    @Scheduled(every = "${lowcode.notify.dispatch.poll-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        wake();
    }

    /** Keeps the delivery log to {@code lowcode.notify.retention}. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return store.purge(retention).invoke(purged -> {
            if (purged > 0) {
                Log.infof("purged %d finished deliveries older than %s from the notification log", purged, retention);
            }
        }).onFailure().invoke(failure -> Log.warnf("cannot purge the notification log: %s", failure.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The backoff before attempt {@code attempt + 1}: initial × 2^(attempt−1), at most the maximum. */
    static Duration backoff(int attempt, Duration initial, Duration max) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = initial.multipliedBy(factor);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private Uni<Void> attempt(ChannelSender sender, ClaimedDelivery delivery) {
        return Uni.createFrom().deferred(() -> sender.send(delivery))
                .ifNoItem().after(config.sendTimeout())
                .failWith(() -> new TimeoutException("no answer within " + config.sendTimeout()))
                .onItemOrFailure().transformToUni((ok, failure) -> failure == null ? sent(delivery)
                        : failed(delivery, failure))
                .onFailure().invoke(failure -> Log.errorf("cannot record the outcome of delivery %s of notification %s "
                        + "(it is sent again once its lease ends): %s", delivery.id(), delivery.notificationId(),
                        failure.toString()));
    }

    private Uni<Void> sent(ClaimedDelivery delivery) {
        metrics.sent(delivery.channel(), Duration.between(delivery.requestedAt(), Instant.now()));
        return store.markSent(delivery.id()).invoke(() -> Log.debugf("delivered %s of notification %s to %s on %s",
                delivery.id(), delivery.notificationId(), delivery.recipient(), delivery.channel()));
    }

    private Uni<Void> failed(ClaimedDelivery delivery, Throwable failure) {
        String reason = failure instanceof DeliveryFailure ? failure.getMessage() : failure.toString();
        boolean permanent = failure instanceof DeliveryFailure f && f.permanent();
        if (!permanent && delivery.attempt() < config.maxAttempts()) {
            Duration delay = backoff(delivery.attempt(), config.initialBackoff(), config.maxBackoff());
            metrics.retried(delivery.channel());
            Log.warnf("attempt %d of %d of delivery %s (notification %s, %s to %s) failed, next in %s: %s",
                    delivery.attempt(), config.maxAttempts(), delivery.id(), delivery.notificationId(),
                    delivery.channel(), delivery.recipient(), delay, reason);
            return store.markRetry(delivery.id(), reason, delay).invoke(() -> wakeAfter(delivery.channel(), delay));
        }
        String finalReason = permanent ? reason : "gave up after " + delivery.attempt() + " attempts: " + reason;
        return deadLetters.deadLetter(delivery, finalReason)
                .replaceWith(true)
                .onFailure().recoverWithUni(dlq -> {
                    // never FAILED without its dead letter: try again later (one more send, then dead-letter again)
                    Log.warnf("cannot dead-letter delivery %s yet, it stays due: %s", delivery.id(), dlq.toString());
                    return store.markRetry(delivery.id(), reason + " (dead letter not published: " + dlq + ")",
                            config.initialBackoff()).replaceWith(false);
                })
                .flatMap(deadLettered -> !deadLettered ? Uni.createFrom().voidItem()
                        : store.markFailed(delivery.id(), finalReason).invoke(() -> {
                            metrics.failed(delivery.channel());
                            Log.errorf("delivery %s of notification %s (%s to %s) FAILED and dead-lettered: %s "
                                    + "(correlation %s)", delivery.id(), delivery.notificationId(), delivery.channel(),
                                    delivery.recipient(), finalReason, delivery.correlationId());
                        }));
    }

    /** One channel's claim loop with bounded sends in flight. */
    private final class Lane {

        private final ChannelSender sender;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicBoolean claiming = new AtomicBoolean();
        private final AtomicBoolean requested = new AtomicBoolean();
        private volatile boolean backlog;

        Lane(ChannelSender sender) {
            this.sender = sender;
        }

        void wake() {
            requested.set(true);
            claim();
        }

        private void claim() {
            if (!claiming.compareAndSet(false, true)) {
                return; // the running claim looks at `requested` when it ends
            }
            requested.set(false);
            int limit = Math.min(config.concurrency() - inFlight.get(), config.batchSize());
            if (limit <= 0) {
                backlog = true; // a finishing send claims again
                claiming.set(false);
                return;
            }
            Duration lease = config.sendTimeout().multipliedBy(2).plusSeconds(5);
            store.claim(sender.channel(), limit, lease).subscribe().with(claimed -> {
                backlog = claimed.size() == limit;
                claimed.forEach(this::deliver);
                done();
            }, failure -> {
                Log.warnf("cannot claim %s deliveries, trying again on the next tick: %s", sender.channel(),
                        failure.toString());
                claiming.set(false);
            });
        }

        private void done() {
            claiming.set(false);
            if (requested.get()) {
                claim();
            }
        }

        private void deliver(ClaimedDelivery delivery) {
            inFlight.incrementAndGet();
            attempt(sender, delivery).subscribe().with(ok -> finished(), failure -> finished());
        }

        private void finished() {
            inFlight.decrementAndGet();
            if (backlog) {
                claim();
            }
        }
    }
}
