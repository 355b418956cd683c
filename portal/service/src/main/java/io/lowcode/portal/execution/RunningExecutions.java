package io.lowcode.portal.execution;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The executions this pod is running, and which of them were interrupted: the engine stops an interrupted
 * execution at its next step boundary. Only a hint for speed — the execution row's status is the truth, checked
 * under a lock at every checkpoint, so an interruption from another pod stops it too.
 */
@ApplicationScoped
public class RunningExecutions {

    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();

    public RunningExecutions(MeterRegistry registry) {
        Gauge.builder("lowcode_executions_running", running, Set::size)
                .description("Workflow executions running in this pod").register(registry);
    }

    void started(UUID id) {
        running.add(id);
    }

    void ended(UUID id) {
        running.remove(id);
        cancelled.remove(id);
    }

    public boolean isRunningHere(UUID id) {
        return running.contains(id);
    }

    /** Asks the engine to stop {@code id} at its next step boundary (no effect when it does not run here). */
    public void cancel(UUID id) {
        if (running.contains(id)) {
            cancelled.add(id);
        }
    }

    boolean isCancelled(UUID id) {
        return cancelled.contains(id);
    }
}
