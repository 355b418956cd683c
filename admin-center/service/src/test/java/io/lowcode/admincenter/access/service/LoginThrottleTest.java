package io.lowcode.admincenter.access.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.runtime.problem.ProblemException;

class LoginThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    /** A clock the test moves. */
    private static final class Tick extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static int status(Runnable attempt) {
        try {
            attempt.run();
            return 0;
        } catch (ProblemException e) {
            return e.status();
        }
    }

    @Test
    void aParallelBurstForOneUsernameReservesExactlyTheLimit() throws Exception {
        LoginThrottle throttle = new LoginThrottle(5, 50, WINDOW, new Tick());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger reserved = new AtomicInteger();
        List<Future<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            attempts.add(pool.submit(() -> {
                go.await();
                return status(() -> {
                    throttle.reserve("root-admin", "203.0.113.9");
                    reserved.incrementAndGet();
                });
            }));
        }
        go.countDown();
        int refused = 0;
        for (Future<Integer> attempt : attempts) {
            refused += attempt.get() == 429 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(reserved.get()).isEqualTo(5);
        assertThat(refused).isEqualTo(55);
    }

    @Test
    void strangersElsewhereDoNotLockTheAdminOut() {
        LoginThrottle throttle = new LoginThrottle(5, 50, WINDOW, new Tick());
        for (int i = 0; i < 5; i++) {
            throttle.reserve("root-admin", "198.51.100.7");
        }
        assertThat(status(() -> throttle.reserve("root-admin", "198.51.100.7"))).isEqualTo(429);
        assertThat(status(() -> throttle.reserve("root-admin", "192.0.2.10"))).as("the admin's own address").isZero();
    }

    @Test
    void aSuccessForgetsOnlyThatUsernameFromThatAddressAndACancelledCheckDoesNotCount() {
        LoginThrottle throttle = new LoginThrottle(2, 50, WINDOW, new Tick());
        throttle.reserve("ann", "a");
        throttle.reserve("bob", "a");
        throttle.reserve("ann", "a").succeeded();
        throttle.reserve("ann", "a");
        throttle.reserve("ann", "a").cancelled();
        throttle.reserve("ann", "a");
        assertThat(status(() -> throttle.reserve("ann", "a"))).isEqualTo(429);
        LoginThrottle fresh = new LoginThrottle(5, 50, WINDOW, new Tick());
        fresh.reserve("eve", "b").cancelled();
        assertThat(fresh.trusted("b")).as("a refused check still marks the address").isFalse();
        throttle.reserve("bob", "a");
        assertThat(status(() -> throttle.reserve("bob", "a"))).as("bob's failures were never cleared").isEqualTo(429);
    }

    @Test
    void oneAddressTryingManyUsernamesIsThrottledAsAWholeUntilTheWindowPasses() {
        Tick clock = new Tick();
        LoginThrottle throttle = new LoginThrottle(5, 50, WINDOW, clock);
        for (int i = 0; i < 50; i++) {
            throttle.reserve("random-" + i, "203.0.113.66");
        }
        assertThat(throttle.trusted("203.0.113.66")).isFalse();
        assertThatThrownBy(() -> throttle.reserve("random-x", "203.0.113.66")).isInstanceOfSatisfying(
                ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isBetween(1L, WINDOW.toSeconds() + 1);
                });
        assertThat(status(() -> throttle.reserve("random-x", "192.0.2.1"))).isZero();
        clock.now = clock.now.plus(WINDOW).plusSeconds(1);
        assertThat(status(() -> throttle.reserve("random-x", "203.0.113.66"))).isZero();
    }
}
