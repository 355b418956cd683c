package io.lowcode.eventschema.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The unit of work's bookkeeping, on real Vert.x duplicated contexts (what a request or a consumed record runs on):
 * every event written in a unit is recorded on it, a nested unit joins the outer one, a unit is closed after its
 * transaction whatever the outcome, and the relay is woken after a commit that wrote events — and only then; work of
 * several transactions publishes the events of all of them once it completed.
 */
class UnitOfWorkTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @Test
    void eventsWrittenInAUnitAreRecordedOnItAndANestedUnitJoinsTheOuterOne() throws Exception {
        List<Object> seen = onNewDuplicatedContext(() -> {
            List<Object> result = new ArrayList<>();
            result.add(WrittenEvents.record(event()));
            WrittenEvents outer = WrittenEvents.open();
            WrittenEvents.record(event());
            WrittenEvents inner = WrittenEvents.open();
            WrittenEvents.record(event());
            result.add(inner.owner());
            result.add(inner.events().size());
            inner.close();
            WrittenEvents.record(event());
            result.add(outer.owner());
            result.add(outer.events().size());
            outer.close();
            result.add(WrittenEvents.record(event()));
            return result;
        });
        assertThat(seen).containsExactly(false, false, 0, true, 3, false);
    }

    @Test
    void aUnitSeesOnlyTheEventsOfItsOwnContext() throws Exception {
        WrittenEvents[] first = new WrittenEvents[1];
        onNewDuplicatedContext(() -> {
            first[0] = WrittenEvents.open();
            WrittenEvents.record(event());
            return null;
        });
        int recordedElsewhere = onNewDuplicatedContext(() -> {
            WrittenEvents other = WrittenEvents.open();
            WrittenEvents.record(event());
            WrittenEvents.record(event());
            int size = other.events().size();
            other.close();
            return size;
        });
        assertThat(recordedElsewhere).isEqualTo(2);
        assertThat(first[0].events()).hasSize(1);
    }

    @Test
    void aUnitNeedsADuplicatedContext() {
        assertThatThrownBy(WrittenEvents::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("duplicated context");
        assertThat(WrittenEvents.record(event())).isFalse();
    }

    @Test
    void theRelayIsWokenAfterACommitThatWroteEventsAndOnlyThen() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        UnitOfWork units = new UnitOfWork(publisher(wakes));

        onNewDuplicatedContext(() -> await(units.afterCommit(() -> Uni.createFrom().item("nothing written"))));
        assertThat(wakes).as("no event, no wake-up").hasValue(0);

        onNewDuplicatedContext(() -> await(units.afterCommit(() -> Uni.createFrom().item(() -> {
            WrittenEvents.record(event());
            return "one event";
        }))));
        assertThat(wakes).as("woken once after the commit").hasValue(1);

        Throwable failure = failureOn(units.afterCommit(() -> Uni.createFrom().item(() -> {
            WrittenEvents.record(event());
            throw new IllegalStateException("rolled back");
        })));
        assertThat(failure).hasMessageContaining("rolled back");
        assertThat(wakes).as("a rolled-back unit publishes nothing").hasValue(1);

        boolean closed = onNewDuplicatedContext(() -> {
            try {
                await(units.afterCommit(() -> Uni.createFrom().failure(new IllegalStateException("boom"))));
            } catch (RuntimeException expected) {
                // the unit must be closed all the same
            }
            return !WrittenEvents.record(event());
        });
        assertThat(closed).as("a failed unit is closed: nothing is recorded on it afterwards").isTrue();
    }

    @Test
    void workOfSeveralTransactionsPublishesTheEventsOfAllOfThemAfterwardsAndWhatCommittedBeforeAFailure() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        List<List<PendingEvent>> published = new ArrayList<>();
        UnitOfWork units = new UnitOfWork(publisher(wakes, published));
        PendingEvent first = event();
        PendingEvent second = event();
        PendingEvent third = event();

        UnitOfWork.Done<String> done = onNewDuplicatedContext(() -> await(units.publishAfter(() ->
                Uni.createFrom().item(() -> WrittenEvents.record(first) && WrittenEvents.record(second))
                        .flatMap(ignored -> Uni.createFrom().item(() -> WrittenEvents.record(third)))
                        .replaceWith("three repairs"))));
        assertThat(done.value()).isEqualTo("three repairs");
        assertThat(done.events()).isEqualTo(3);
        assertThat(done.delivery()).isEqualTo(OutboxPublisher.Delivery.PUBLISHED);
        assertThat(published).as("one publication of the three, in order").containsExactly(List.of(first, second, third));
        assertThat(wakes).hasValue(0);

        Throwable failure = failureOn(units.publishAfter(() -> Uni.createFrom().item(() -> WrittenEvents.record(event()))
                .map(committed -> {
                    throw new IllegalStateException("the second transaction failed");
                })));
        assertThat(failure).hasMessageContaining("the second transaction failed");
        assertThat(wakes).as("the first transaction's event goes out all the same").hasValue(1);
        assertThat(published).hasSize(1);
    }

    /** Runs {@code unit} on a new duplicated context and returns how it failed ({@code null}: it did not). */
    private static Throwable failureOn(Uni<?> unit) throws Exception {
        return onNewDuplicatedContext(() -> {
            try {
                await(unit);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    private static PendingEvent event() {
        return new PendingEvent(UUID.randomUUID(), "subject", "function-unit.created");
    }

    /** Runs {@code body} on a new duplicated context of an event loop and returns its result. */
    private static <T> T onNewDuplicatedContext(Supplier<T> body) throws Exception {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            try {
                result.complete(body.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    /** A publisher that counts wake-ups (its relay and gate are never used by {@code afterCommit}). */
    private static OutboxPublisher publisher(AtomicInteger wakes) {
        return publisher(wakes, new ArrayList<>());
    }

    /** A publisher that counts wake-ups and keeps what it was asked to publish (as acknowledged at once). */
    private static OutboxPublisher publisher(AtomicInteger wakes, List<List<PendingEvent>> published) {
        MessagingConfig.Relay relay = (MessagingConfig.Relay) Proxy.newProxyInstance(UnitOfWorkTest.class.getClassLoader(),
                new Class<?>[] {MessagingConfig.Relay.class}, (proxy, method, args) ->
                        method.getName().equals("publishWait") ? Duration.ofSeconds(1) : null);
        MessagingConfig config = (MessagingConfig) Proxy.newProxyInstance(UnitOfWorkTest.class.getClassLoader(),
                new Class<?>[] {MessagingConfig.class}, (proxy, method, args) ->
                        method.getName().equals("relay") ? relay : null);
        return new OutboxPublisher(null, null, config) {
            @Override
            public void wake() {
                wakes.incrementAndGet();
            }

            @Override
            public Uni<Delivery> publish(List<PendingEvent> events) {
                published.add(events);
                return Uni.createFrom().item(Delivery.PUBLISHED);
            }
        };
    }
}
