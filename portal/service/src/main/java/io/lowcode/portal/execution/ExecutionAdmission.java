package io.lowcode.portal.execution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Admission control on starting executions, checked before any database work so that a refusal costs almost nothing:
 * <ul>
 * <li>per pod, executions in flight (starting, waiting to start, running) are bounded, and so are the context bytes
 *     they hold — beyond either, 503 {@code overloaded};</li>
 * <li>per user, executions in flight in this pod are bounded — beyond it, 429 {@code too-many-requests};</li>
 * <li>start transactions pass a SmallRye Fault Tolerance bulkhead: a bounded number at once, a bounded queue waiting
 *     (no thread is blocked; the guarded {@code Uni} is queued) — beyond the queue, 503 {@code overloaded}.</li>
 * </ul>
 * Every refusal is problem+json with {@code Retry-After}, counted in {@code lowcode_execution_starts_refused_total}.
 */
@ApplicationScoped
public class ExecutionAdmission {

    /** Held from the request until the execution ends (or its start fails); released once. */
    public static final class Ticket implements Runnable {
        private final AtomicBoolean released = new AtomicBoolean();
        private final Runnable release;

        Ticket(Runnable release) {
            this.release = release;
        }

        @Override
        public void run() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    private final ExecutionConfig.Admission config;
    private final RunningExecutions running;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final TypedGuard<Uni<?>> bulkhead;
    private final MeterRegistry registry;
    private final long reserveBytes;

    public ExecutionAdmission(ExecutionConfig config, RunningExecutions running, MeterRegistry registry) {
        this.config = config.admission();
        this.running = running;
        this.registry = registry;
        this.reserveBytes = config.maxContext().asLongValue();
        this.bulkhead = TypedGuard.create(new TypeLiteral<Uni<?>>() {
                })
                .withDescription("execution starts")
                .withBulkhead().limit(this.config.maxStarting()).queueSize(this.config.maxWaiting()).done()
                .withThreadOffload(false)
                .build();
        registry.gauge("lowcode_execution_starts_in_flight", inFlight);
    }

    /**
     * Admits one start by {@code userId}, or refuses it.
     *
     * @throws ProblemException 503 {@code overloaded} or 429 {@code too-many-requests}, both with {@code Retry-After}
     */
    public Ticket admit(String userId) {
        if (running.contextBytes() + reserveBytes > running.maxContextBytes()) {
            throw refuse(overloaded("the portal holds as much execution context as it may"), "memory");
        }
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            throw refuse(overloaded("the portal runs as many executions as it may"), "pod");
        }
        AtomicInteger mine = perUser.compute(userId, (u, count) -> {
            AtomicInteger n = count == null ? new AtomicInteger() : count;
            n.incrementAndGet();
            return n;
        });
        if (mine.get() > config.maxPerUser()) {
            release(userId);
            throw refuse(ProblemException.tooManyRequests("you have " + config.maxPerUser()
                    + " executions in flight already; start more when some have ended", retryAfter()), "user");
        }
        return new Ticket(() -> release(userId));
    }

    /**
     * Runs the start transaction through the bulkhead; the ticket is released when it fails (the caller hands it to
     * the execution when it succeeds).
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> start(Ticket ticket, Supplier<Uni<T>> start) {
        Uni<T> guarded = (Uni<T>) bulkhead.get(() -> start.get());
        return guarded.onFailure().invoke(ticket)
                .onFailure(BulkheadException.class).transform(full -> refuse(
                        overloaded("too many executions are being started; the queue is full"), "queue"));
    }

    private void release(String userId) {
        inFlight.decrementAndGet();
        perUser.computeIfPresent(userId, (u, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private ProblemException overloaded(String detail) {
        return ProblemException.overloaded(detail + "; try again later", retryAfter());
    }

    private long retryAfter() {
        return Math.max(1, config.retryAfter().toSeconds());
    }

    private ProblemException refuse(ProblemException problem, String reason) {
        Counter.builder("lowcode_execution_starts_refused_total").tag("reason", reason)
                .description("Execution starts refused by admission control").register(registry).increment();
        Log.debugf("execution start refused (%s): %s", reason, problem.getMessage());
        return problem;
    }
}
