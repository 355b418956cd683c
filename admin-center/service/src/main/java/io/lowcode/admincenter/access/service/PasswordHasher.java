package io.lowcode.admincenter.access.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * bcrypt hashing and checking of passwords on a few threads of its own (a check takes tens of milliseconds by design;
 * the event loop never waits for it) behind a bounded queue. Work from addresses without recent failed logins goes
 * first and has a lane of its own, so a flood of logins for random usernames — which fills the other lane — neither
 * grows memory nor delays a legitimate login by more than a few hashes. Beyond a lane's bound a check is refused at
 * once (503 {@code overloaded}); beyond {@code max-per-source} checks in progress from an address with recent failures,
 * 429. Results come back on the caller's Vert.x context.
 */
@ApplicationScoped
public class PasswordHasher {

    private record Job(Runnable work, String source) {
    }

    private final AuthConfig config;
    private final AuthConfig.Hashing limits;
    private final ExecutorService threads;
    private final Deque<Job> trusted = new ArrayDeque<>();
    private final Deque<Job> suspect = new ArrayDeque<>();
    private final Map<String, Integer> perSource = new HashMap<>();
    private final MeterRegistry registry;
    private int running;
    private volatile String decoy;

    public PasswordHasher(AuthConfig config, MeterRegistry registry) {
        this.config = config;
        this.limits = config.hashing();
        this.registry = registry;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(limits.threads(), r -> {
            Thread thread = new Thread(r, "password-hasher-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }

    /**
     * A hash of {@code password} at the configured cost (an admin creating or resetting an account, a user changing
     * theirs: authenticated work, in the first lane, not limited per address).
     */
    public Uni<String> hash(String password) {
        return submit(() -> BcryptUtil.bcryptHash(password, config.bcryptCost()), null, true);
    }

    /**
     * Whether {@code password} matches {@code hash}; with a {@code null} hash it checks a decoy of the same cost and
     * says no, so a wrong username costs what a wrong password costs.
     *
     * @param source  the caller's address
     * @param trusted whether that address has no recent failed logins (its check goes first)
     * @throws ProblemException (in the Uni) 503 when the lane is full, 429 when the source has too many in progress
     */
    public Uni<Boolean> matches(String password, String hash, String source, boolean trusted) {
        return submit(() -> BcryptUtil.matches(password, hash == null ? decoy() : hash) && hash != null, source,
                trusted);
    }

    /** A hash of a random password at the configured cost, made once, on a hashing thread. */
    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), config.bcryptCost());
            decoy = d;
        }
        return d;
    }

    private <T> Uni<T> submit(Callable<T> work, String source, boolean isTrusted) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            Runnable job = () -> {
                try {
                    T result = work.call();
                    deliver(context, () -> emitter.complete(result));
                } catch (Throwable failure) {
                    deliver(context, () -> emitter.fail(failure));
                } finally {
                    done(source);
                }
            };
            ProblemException refused = enqueue(new Job(job, source), isTrusted);
            if (refused != null) {
                emitter.fail(refused);
            }
        });
    }

    private synchronized ProblemException enqueue(Job job, boolean isTrusted) {
        int fromSource = job.source() == null ? 0 : perSource.getOrDefault(job.source(), 0);
        if (job.source() != null && !isTrusted && fromSource >= limits.maxPerSource()) {
            return refuse("source", ProblemException.tooManyRequests(
                    "too many logins in progress from your address; try again in a moment", 1));
        }
        Deque<Job> lane = isTrusted ? trusted : suspect;
        if (running >= limits.threads() && lane.size() >= limits.maxQueued()) {
            return refuse(isTrusted ? "queue" : "suspect-queue",
                    ProblemException.overloaded("too many logins are being checked; try again in a moment", 1));
        }
        if (job.source() != null) {
            perSource.put(job.source(), fromSource + 1);
        }
        if (running < limits.threads()) {
            running++;
            threads.execute(job.work());
        } else {
            lane.addLast(job);
        }
        return null;
    }

    private synchronized void done(String source) {
        if (source != null) {
            perSource.computeIfPresent(source, (s, n) -> n <= 1 ? null : n - 1);
        }
        Job next = !trusted.isEmpty() ? trusted.pollFirst() : suspect.pollFirst();
        if (next == null) {
            running--;
        } else {
            threads.execute(next.work());
        }
    }

    private ProblemException refuse(String reason, ProblemException problem) {
        Counter.builder("lowcode_password_checks_refused_total").tag("reason", reason)
                .description("Password checks refused because the hashing queue was full").register(registry)
                .increment();
        return problem;
    }

    private static void deliver(Context context, Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
