package io.lowcode.portal.execution;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The executions this pod is running: who started each, how much context memory it holds, and how to stop the step it
 * is waiting on. An interrupted execution stops at once (its timer or http call is cancelled) or at its next step
 * boundary. Only a hint for speed — the execution row's status is the truth, checked under a lock at every checkpoint,
 * so an interruption from another pod stops it too. The sum of the contexts is bounded
 * ({@code lowcode.execution.max-pod-context}).
 */
@ApplicationScoped
public class RunningExecutions {

    private static final class Running {
        final Runnable release;
        volatile long bytes;
        volatile Runnable cancel;
        volatile boolean cancelled;

        Running(Runnable release) {
            this.release = release;
        }
    }

    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final AtomicLong contextBytes = new AtomicLong();
    private final long maxPodContext;

    public RunningExecutions(MeterRegistry registry, ExecutionConfig config) {
        this.maxPodContext = config.maxPodContext().asLongValue();
        Gauge.builder("lowcode_executions_running", running, Map::size)
                .description("Workflow executions running in this pod").register(registry);
        Gauge.builder("lowcode_executions_context_bytes", contextBytes, AtomicLong::get)
                .description("Context bytes (JSON) held by the executions running in this pod").register(registry);
    }

    /** {@code release} runs once when the execution ends here (its admission ticket). */
    void started(UUID id, Runnable release) {
        running.put(id, new Running(release));
    }

    void ended(UUID id) {
        Running gone = running.remove(id);
        if (gone != null) {
            contextBytes.addAndGet(-gone.bytes);
            gone.release.run();
        }
    }

    public boolean isRunningHere(UUID id) {
        return running.containsKey(id);
    }

    /** How many run here now. */
    public int count() {
        return running.size();
    }

    /** Context bytes all executions running here hold. */
    public long contextBytes() {
        return contextBytes.get();
    }

    /** The pod's context budget. */
    public long maxContextBytes() {
        return maxPodContext;
    }

    /**
     * Sets the context size of {@code id} to {@code bytes}; {@code false} (and nothing changed) when the pod's
     * budget would be exceeded.
     */
    boolean resize(UUID id, long bytes) {
        Running r = running.get(id);
        if (r == null) {
            return true;
        }
        synchronized (r) {
            long delta = bytes - r.bytes;
            if (delta > 0 && contextBytes.addAndGet(delta) > maxPodContext) {
                contextBytes.addAndGet(-delta);
                return false;
            }
            if (delta <= 0) {
                contextBytes.addAndGet(delta);
            }
            r.bytes = bytes;
            return true;
        }
    }

    /** What to do to stop the step {@code id} is waiting on now ({@code null}: nothing to stop). */
    void onCancel(UUID id, Runnable cancel) {
        Running r = running.get(id);
        if (r != null) {
            r.cancel = cancel;
            if (r.cancelled && cancel != null) {
                cancel.run();
            }
        }
    }

    /** Asks the engine to stop {@code id} now (no effect when it does not run here). */
    public void cancel(UUID id) {
        Running r = running.get(id);
        if (r != null) {
            r.cancelled = true;
            Runnable stop = r.cancel;
            if (stop != null) {
                stop.run();
            }
        }
    }

    boolean isCancelled(UUID id) {
        Running r = running.get(id);
        return r != null && r.cancelled;
    }
}
