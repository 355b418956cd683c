package io.lowcode.eventschema.runtime.messaging;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The after-commit path of a request: publishes the events it just committed and waits, for a bounded
 * time ({@code lowcode.messaging.relay.publish-wait}), until Kafka acknowledged them — the seed's
 * "synchronous send". The publication itself is detached from the request: if the wait ends first (Kafka
 * slow or down) the request answers with its events {@link Delivery#PENDING}, and the relay pass, or
 * else the sweep, finishes the job. Nothing is published for a transaction that rolled back, because
 * only committed outbox rows exist.
 */
@ApplicationScoped
public class OutboxPublisher {

    /** Whether a request's events were acknowledged by Kafka before it answered. */
    public enum Delivery {
        PUBLISHED, PENDING
    }

    private static final Duration POLL = Duration.ofMillis(20);

    private final OutboxRelay relay;
    private final Duration wait;

    public OutboxPublisher(OutboxRelay relay, MessagingConfig config) {
        this.relay = relay;
        this.wait = config.relay().publishWait();
    }

    public Uni<Delivery> publish(PendingEvent event) {
        return publish(List.of(event));
    }

    public Uni<Delivery> publish(List<PendingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Delivery.PUBLISHED);
        }
        List<String> keys = events.stream().map(PendingEvent::key).distinct().toList();
        List<UUID> ids = events.stream().map(PendingEvent::eventId).toList();
        long deadline = System.nanoTime() + wait.toNanos();
        CompletableFuture<Void> drained = new CompletableFuture<>();
        relay.drain(keys).subscribe().with(drained::complete, failure -> {
            Log.warnf("relay after commit failed, the sweep will publish %s: %s", ids, failure.toString());
            drained.complete(null);
        });
        return Uni.createFrom().completionStage(drained)
                .ifNoItem().after(wait).recoverWithItem((Void) null)
                .flatMap(ignored -> awaitAcknowledged(ids, deadline));
    }

    /** Another relay (the sweep, another pod) may hold a row: poll until acknowledged or out of time. */
    private Uni<Delivery> awaitAcknowledged(List<UUID> ids, long deadline) {
        return relay.unpublished(ids).flatMap(left -> {
            if (left == 0) {
                return Uni.createFrom().item(Delivery.PUBLISHED);
            }
            if (System.nanoTime() + POLL.toNanos() > deadline) {
                return Uni.createFrom().item(Delivery.PENDING);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(POLL)
                    .flatMap(ignored -> awaitAcknowledged(ids, deadline));
        }).onFailure().recoverWithItem(Delivery.PENDING);
    }
}
