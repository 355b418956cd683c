package io.lowcode.admincenter.access.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/**
 * Counts failed logins per username (whether it exists or not) in a sliding window; past the limit, attempts are
 * refused before the password is even checked, until the oldest failure leaves the window. Per pod: behind a
 * load balancer with N pods an attacker gets at most N times the limit.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Usernames tracked at most; beyond it the oldest are dropped (a flood of random names cannot exhaust memory). */
    static final int MAX_TRACKED = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;

    @Inject
    public LoginThrottle(AuthConfig config) {
        this(config.maxFailures(), config.failureWindow(), Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long {@code username} must wait before its next attempt, if it is locked now. */
    public Optional<Duration> lockedFor(String username) {
        Deque<Instant> recent = failures.get(username);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            Instant now = clock.instant();
            expire(recent, now);
            if (recent.size() < maxFailures) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, recent.peekFirst().plus(window)));
        }
    }

    public void failed(String username) {
        if (failures.size() >= MAX_TRACKED) {
            purge();
        }
        Deque<Instant> recent = failures.computeIfAbsent(username, u -> new ArrayDeque<>());
        synchronized (recent) {
            Instant now = clock.instant();
            expire(recent, now);
            recent.addLast(now);
            while (recent.size() > maxFailures) {
                recent.removeFirst();
            }
        }
    }

    public void succeeded(String username) {
        failures.remove(username);
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                expire(e.getValue(), now);
                return e.getValue().isEmpty();
            }
        });
        if (failures.size() >= MAX_TRACKED) {
            failures.clear();
        }
    }

    private void expire(Deque<Instant> recent, Instant now) {
        Instant horizon = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
    }
}
