package io.lowcode.eventschema.runtime.messaging;

import java.util.Locale;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.lowcode.eventschema.api.RequestHeaders;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The one way to change state, write events and publish them after the commit. {@link #commit} runs the work in one
 * transaction (joining the caller's if one is open); every event {@link Outbox#add} writes in it is recorded on the
 * unit, and once the transaction committed — never before, never for a rollback — the unit publishes them: a request
 * waits, bounded, for Kafka's acknowledgement ({@link OutboxPublisher#publish}); {@link #background} only wakes the
 * relay. Nothing is left to remember: a path that writes events through a unit cannot forget to publish them, and
 * {@link InboxProcessor} does the same for what a consumer's handler writes. The sweep stays the fallback for a crash
 * between the commit and the publication.
 */
@ApplicationScoped
public class UnitOfWork {

    private final OutboxPublisher publisher;

    public UnitOfWork(OutboxPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * What a committed unit gives back: its value, how many events it wrote and whether Kafka acknowledged them before
     * the answer.
     */
    public record Done<T>(T value, int events, OutboxPublisher.Delivery delivery) {

        /**
         * {@code response} built, with {@code X-Event-Delivery: published|pending} when the unit wrote events.
         */
        public Response respond(Response.ResponseBuilder response) {
            if (events > 0) {
                response.header(RequestHeaders.EVENT_DELIVERY, delivery.name().toLowerCase(Locale.ROOT));
            }
            return response.build();
        }
    }

    /**
     * Runs {@code work} in one transaction; after the commit, publishes the events it wrote and waits (at most
     * {@code lowcode.messaging.relay.publish-wait}) for Kafka. Inside another unit it joins that one, which publishes
     * after its own commit (this one then says {@code PENDING}).
     */
    public <T> Uni<Done<T>> commit(Supplier<Uni<T>> work) {
        return publishAfter(() -> Panache.withTransaction(work));
    }

    /**
     * Runs {@code transactions} — work that opens and commits its transactions itself, one per item of a batch so
     * that one item failing does not undo the others — in one unit; after it completed, publishes every event written
     * in any of them and waits (at most {@code lowcode.messaging.relay.publish-wait}) for Kafka, like {@link #commit}.
     */
    public <T> Uni<Done<T>> publishAfter(Supplier<Uni<T>> transactions) {
        return Uni.createFrom().deferred(() -> {
            WrittenEvents written = WrittenEvents.open();
            return transactions.get()
                    .onTermination().invoke(written::close)
                    // a later transaction failed: what the earlier ones committed goes out all the same
                    .onFailure().invoke(() -> {
                        if (written.owner() && !written.events().isEmpty()) {
                            publisher.wake();
                        }
                    })
                    .flatMap(value -> {
                        if (!written.owner()) {
                            return Uni.createFrom().item(new Done<>(value, 0, OutboxPublisher.Delivery.PENDING));
                        }
                        var events = written.events();
                        return publisher.publish(events).map(delivery -> new Done<>(value, events.size(), delivery));
                    });
        });
    }

    /**
     * Runs {@code work} in one transaction; after the commit, wakes the relay for the events it wrote, without
     * waiting (background work: an execution's checkpoint, a timer).
     */
    public <T> Uni<T> background(Supplier<Uni<T>> work) {
        return afterCommit(() -> Panache.withTransaction(work));
    }

    /**
     * Runs {@code transaction} (which opens and commits a transaction itself) in a unit; after it completed, wakes the
     * relay if it wrote events.
     */
    <T> Uni<T> afterCommit(Supplier<Uni<T>> transaction) {
        return Uni.createFrom().deferred(() -> {
            WrittenEvents written = WrittenEvents.open();
            return transaction.get()
                    .onTermination().invoke(written::close)
                    .invoke(() -> {
                        if (written.owner() && !written.events().isEmpty()) {
                            publisher.wake();
                        }
                    });
        });
    }
}
