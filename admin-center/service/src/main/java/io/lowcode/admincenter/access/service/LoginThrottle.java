package io.lowcode.admincenter.access.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;

/**
 * Failed logins, counted in a sliding window per username <em>and</em> source address, and per source address over all
 * usernames. A login attempt {@link #reserve reserves} a failure before the password is checked — atomically, so a
 * parallel burst cannot slip past the limit while hashes run — and gives it back only when the password was right.
 * Past {@code max-failures} for a username from one source, or {@code max-failures-per-source} from one source, the
 * attempt is refused (429) before any hashing. A stranger guessing the bootstrap admin's password from elsewhere never
 * locks the admin out: the lockout is per source. Per pod: behind a load balancer with N pods an attacker gets at most
 * N times the limits. Memory is bounded: past {@link #MAX_TRACKED} keys the expired ones are dropped, and while it is
 * still full, attempts with a new key are refused (503); counts are never cleared wholesale.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Keys (username+source, source) tracked at most each. */
    static final int MAX_TRACKED = 100_000;

    /** A reserved failure: {@link #succeeded()} gives it back; otherwise it counts. */
    public final class Reservation {
        private final String pair;
        private final String source;
        private final Instant at;

        private Reservation(String pair, String source, Instant at) {
            this.pair = pair;
            this.source = source;
            this.at = at;
        }

        /**
         * The password was not checked after all (the hashing queue was full, the database did not answer): the
         * username is not charged for it, but the address is — an address whose attempts keep being refused is no
         * longer one without failures, so its next checks wait in the other lane.
         */
        public void cancelled() {
            pairs.computeIfPresent(pair, (key, recent) -> {
                recent.removeLastOccurrence(at);
                return recent.isEmpty() ? null : recent;
            });
        }

        /** The password was right: this username's failures from this source are forgotten, and this one too. */
        public void succeeded() {
            pairs.remove(pair);
            sources.computeIfPresent(source, (key, recent) -> {
                recent.removeLastOccurrence(at);
                return recent.isEmpty() ? null : recent;
            });
        }
    }

    private final Map<String, Deque<Instant>> pairs = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> sources = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final int maxPerSource;
    private final Duration window;
    private final Clock clock;

    @Inject
    public LoginThrottle(AuthConfig config) {
        this(config.maxFailures(), config.maxFailuresPerSource(), config.failureWindow(), Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, int maxPerSource, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.maxPerSource = maxPerSource;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Reserves one failure for {@code username} from {@code source}.
     *
     * @throws ProblemException 429 {@code too-many-requests} with {@code Retry-After} when the username is locked for
     *                          this source, or the source has failed too often; 503 {@code overloaded} when the table
     *                          is full of live keys
     */
    public Reservation reserve(String username, String source) {
        Instant now = clock.instant();
        String pair = username + '\u0000' + source;
        makeRoom(sources, source, now);
        makeRoom(pairs, pair, now);
        ProblemException[] refused = new ProblemException[1];
        // each table's compute holds that key's lock: the check and the reservation are one step
        sources.compute(source, (key, recent) -> {
            Deque<Instant> forSource = recent == null ? new ArrayDeque<>() : recent;
            expire(forSource, now);
            if (forSource.size() >= maxPerSource) {
                refused[0] = locked("too many failed logins from your address; try again later", forSource, now);
                return forSource;
            }
            pairs.compute(pair, (k, previous) -> {
                Deque<Instant> forPair = previous == null ? new ArrayDeque<>() : previous;
                expire(forPair, now);
                if (forPair.size() >= maxFailures) {
                    refused[0] = locked("too many failed logins for this username; try again later", forPair, now);
                } else {
                    forPair.addLast(now);
                }
                return forPair.isEmpty() ? null : forPair;
            });
            if (refused[0] == null) {
                forSource.addLast(now);
            }
            return forSource.isEmpty() ? null : forSource;
        });
        if (refused[0] != null) {
            throw refused[0];
        }
        return new Reservation(pair, source, now);
    }

    /** Whether {@code source} has no failed login in the window (its password checks go first). */
    public boolean trusted(String source) {
        Instant horizon = clock.instant().minus(window);
        boolean[] clean = {true};
        sources.computeIfPresent(source, (key, recent) -> { // under the key's lock, as every change
            clean[0] = recent.stream().noneMatch(at -> at.isAfter(horizon));
            return recent;
        });
        return clean[0];
    }

    private ProblemException locked(String detail, Deque<Instant> recent, Instant now) {
        Duration wait = Duration.between(now, recent.peekFirst().plus(window));
        return ProblemException.tooManyRequests(detail, wait.toSeconds() + 1);
    }

    private void makeRoom(Map<String, Deque<Instant>> table, String key, Instant now) {
        if (table.size() >= MAX_TRACKED && !table.containsKey(key)) {
            purge(table, now);
            if (table.size() >= MAX_TRACKED) {
                throw ProblemException.overloaded("too many logins are being throttled; try again later", 60);
            }
        }
    }

    /** Every minute: keys whose failures all left the window. */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        purge(pairs, now);
        purge(sources, now);
    }

    private void purge(Map<String, Deque<Instant>> table, Instant now) {
        for (String key : table.keySet()) {
            table.computeIfPresent(key, (k, recent) -> {
                expire(recent, now);
                return recent.isEmpty() ? null : recent;
            });
        }
    }

    private void expire(Deque<Instant> recent, Instant now) {
        Instant horizon = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
    }
}
