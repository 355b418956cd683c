package io.lowcode.eventschema.runtime.messaging;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.gate.SchemaGate;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The after-commit path: a request that committed events wakes this pod's relay loop and waits, for a
 * bounded time ({@code lowcode.messaging.relay.publish-wait}), until Kafka acknowledged them — the
 * seed's "synchronous send". The loop publishes everything committed so far in batched passes (group
 * commit: one claim, one round of sends and one update serve many requests) and runs again while new
 * work arrives. If the wait ends first (Kafka slow or down) the request answers with its events
 * {@link Delivery#PENDING}; the loop or, failing that, the sweep finishes the job. Nothing is ever
 * published for a transaction that rolled back: only committed outbox rows exist.
 */
@ApplicationScoped
public class OutboxPublisher {

    /** Whether a request's events were acknowledged by Kafka before it answered. */
    public enum Delivery {
        PUBLISHED, PENDING
    }

    private final OutboxRelay relay;
    private final SchemaGate gate;
    private final Duration wait;
    /**
     * Relay loops at most running side by side: while one pass waits for Kafka's acknowledgements and its commit, the
     * other claims what was committed meanwhile (safe for ordering: a pass never sends a key whose older row another
     * pass holds).
     */
    static final int MAX_LOOPS = 2;

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean requested = new AtomicBoolean();

    public OutboxPublisher(OutboxRelay relay, SchemaGate gate, MessagingConfig config) {
        this.relay = relay;
        this.gate = gate;
        this.wait = config.relay().publishWait();
    }

    public Uni<Delivery> publish(PendingEvent event) {
        return publish(List.of(event));
    }

    /** Publishes the committed {@code events} and waits (bounded) for their acknowledgement. */
    public Uni<Delivery> publish(List<PendingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Delivery.PUBLISHED);
        }
        List<UUID> ids = events.stream().map(PendingEvent::eventId).toList();
        CompletableFuture<?>[] acknowledged = ids.stream().map(relay::acknowledgement)
                .toArray(CompletableFuture[]::new);
        wake();
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acknowledged))
                .map(ignored -> Delivery.PUBLISHED)
                // another relay (the sweep, another pod) may have sent them: ask the outbox before saying pending
                .ifNoItem().after(wait).recoverWithUni(() -> relay.unpublished(ids)
                        .map(left -> left == 0 ? Delivery.PUBLISHED : Delivery.PENDING)
                        .onFailure().recoverWithItem(Delivery.PENDING))
                .onTermination().invoke(() -> ids.forEach(relay::forget));
    }

    /**
     * Makes sure the relay loop runs soon: for events committed outside a request (by a consumer). Does nothing
     * while the {@link SchemaGate} is closed: the relay starts with the sweep once the schema is there.
     */
    public void wake() {
        if (!gate.isOpen()) {
            return;
        }
        requested.set(true);
        startLoop();
    }

    /** Starts one more loop unless {@link #MAX_LOOPS} run already. */
    private void startLoop() {
        int now = running.get();
        while (now < MAX_LOOPS) {
            if (running.compareAndSet(now, now + 1)) {
                loop();
                return;
            }
            now = running.get();
        }
    }

    /**
     * Forgets a relay loop that never ended (its pass's database session was terminated by the relay watchdog, or
     * waits on something that will not answer) and starts a new one. Two loops at once are safe: a pass never sends a
     * key whose older row another pass holds.
     */
    public void restart() {
        running.set(0);
        wake();
    }

    private void loop() {
        requested.set(false);
        relay.publishPass().subscribe().with(pass -> {
            if (pass.mayContinue() || requested.get()) {
                loop();
            } else {
                stop();
            }
        }, failure -> {
            Log.warnf("relay after commit failed, the sweep will publish what is left: %s", failure.toString());
            stop();
        });
    }

    private void stop() {
        running.updateAndGet(n -> Math.max(0, n - 1));
        // a wake-up that raced with stopping must not be lost
        if (requested.get()) {
            startLoop();
        }
    }
}
