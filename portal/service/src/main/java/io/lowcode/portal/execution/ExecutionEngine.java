package io.lowcode.portal.execution;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Status;
import io.lowcode.eventschema.payload.ExecutionCompleted;
import io.lowcode.eventschema.payload.ExecutionFailed;
import io.lowcode.eventschema.payload.StepCompleted;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.messaging.OutboxPublisher;
import io.lowcode.portal.execution.WorkflowDefinition.Step;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs executions, step after step, without blocking the event loop. Synchronous steps (transform, branch, fail)
 * run back to back in memory; after each asynchronous one (http, wait) the execution is checkpointed: the steps
 * so far and their {@code workflow.step-completed} events are committed, and the heartbeat moves. The end is one
 * more transaction: the remaining step events and {@code completed} or {@code failed}. Every checkpoint locks the
 * row and goes on only while it is RUNNING, so an interruption (retirement, orphan sweep, another pod) stops the
 * execution at its next step boundary and no event follows {@code interrupted}.
 */
@ApplicationScoped
public class ExecutionEngine {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the engine needs to run an execution that was committed as RUNNING: who started it (user, session,
     * correlation) and the trace of that request, which every later event of the execution carries.
     */
    public record Run(UUID id, UUID functionUnitId, String version, Caller caller, String traceparent,
                      WorkflowDefinition definition, JsonNode input, Instant startedAt) {

        String correlationId() {
            return caller.correlationId();
        }
    }

    /** The execution's progress, in memory. */
    private static final class State {
        final ObjectNode context = NODES.objectNode();
        final ObjectNode outputs = context.putObject("steps");
        final ArrayNode steps = NODES.arrayNode();
        final List<EventEnvelope<StepCompleted>> unsent = new ArrayList<>();
        JsonNode last = NODES.nullNode();

        State(JsonNode input) {
            context.set("input", input);
            context.set("last", last);
        }
    }

    private final Vertx vertx;
    private final StepRunner runner;
    private final Outbox outbox;
    private final OutboxPublisher publisher;
    private final RunningExecutions running;
    private final Timer durations;

    public ExecutionEngine(Vertx vertx, StepRunner runner, Outbox outbox, OutboxPublisher publisher,
            RunningExecutions running, MeterRegistry registry) {
        this.vertx = vertx;
        this.runner = runner;
        this.outbox = outbox;
        this.publisher = publisher;
        this.running = running;
        this.durations = Timer.builder("lowcode_execution_duration_seconds")
                .description("Start to end of workflow executions run in this pod").publishPercentileHistogram()
                .register(registry);
    }

    /** Runs the execution in the background, on a context of its own (the request that started it has ended). */
    public void launch(Run run) {
        running.started(run.id());
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> loop(run, new State(run.input()), 0, 0)
                .subscribe().with(done -> running.ended(run.id()), failure -> {
                    running.ended(run.id());
                    Log.errorf(failure, "execution %s stopped on an unexpected error (correlation %s); the orphan "
                            + "sweep will interrupt it", run.id(), run.correlationId());
                }));
    }

    private Uni<Void> loop(Run run, State state, int start, int alreadyRun) {
        List<Step> steps = run.definition().steps();
        int index = start;
        int count = alreadyRun;
        while (true) {
            if (running.isCancelled(run.id())) {
                Log.infof("execution %s stops: interrupted", run.id());
                return Uni.createFrom().voidItem();
            }
            if (index < 0 || index >= steps.size()) {
                return finish(run, state, null, null);
            }
            Step step = steps.get(index);
            if (count >= WorkflowDefinition.MAX_STEPS_RUN) {
                return finish(run, state, step.name(), "more than " + WorkflowDefinition.MAX_STEPS_RUN
                        + " steps run (a branch loops?)");
            }
            long began = System.nanoTime();
            if (StepRunner.isAsync(step)) {
                int runCount = count + 1;
                int at = index;
                return runner.runLater(step, state.context, index)
                        .onItem().transformToUni(outcome -> {
                            record(run, state, at, step, outcome.output(), began);
                            return checkpoint(run, state).flatMap(goOn -> goOn
                                    ? loop(run, state, outcome.next(), runCount) : Uni.createFrom().voidItem());
                        })
                        .onFailure(StepRunner.StepFailure.class)
                        .recoverWithUni(failure -> finish(run, state, step.name(), failure.getMessage()));
            }
            try {
                StepRunner.Outcome outcome = runner.runNow(run.definition(), index, step, state.context);
                record(run, state, index, step, outcome.output(), began);
                index = outcome.next();
                count++;
            } catch (StepRunner.StepFailure | IllegalArgumentException failure) {
                return finish(run, state, step.name(), failure.getMessage());
            }
        }
    }

    private static void record(Run run, State state, int index, Step step, JsonNode output, long began) {
        long ms = Math.max(0, (System.nanoTime() - began) / 1_000_000);
        state.outputs.set(step.name(), output);
        state.last = output;
        state.context.set("last", output);
        ObjectNode done = state.steps.addObject().put("index", index).put("name", step.name()).put("kind", step.kind())
                .put("durationMs", ms);
        done.set("output", output);
        state.unsent.add(ExecutionEvents.of(EventType.WORKFLOW_STEP_COMPLETED, run.id(),
                new StepCompleted(run.id().toString(), run.functionUnitId().toString(), index, step.name(), output, ms),
                run.caller(), run.traceparent(), now()));
    }

    /** Commits the progress; {@code false} when the execution is no longer RUNNING (it was interrupted). */
    private Uni<Boolean> checkpoint(Run run, State state) {
        List<EventEnvelope<StepCompleted>> events = List.copyOf(state.unsent);
        ArrayNode steps = state.steps.deepCopy();
        return Panache.withTransaction(() -> ExecutionEntity.lock(run.id()).flatMap(execution -> {
            if (execution == null || !ExecutionEntity.RUNNING.equals(execution.status)) {
                return Uni.createFrom().item(false);
            }
            execution.steps(steps);
            execution.heartbeatAt = now();
            return ExecutionEvents.addAll(outbox, events).replaceWith(true);
        })).invoke(goOn -> {
            if (goOn) {
                state.unsent.removeAll(events);
                publisher.wake();
            } else {
                Log.infof("execution %s stops at a checkpoint: it is no longer running", run.id());
            }
        });
    }

    /** Ends the execution: completed when {@code failedStep} and {@code error} are null, else failed. */
    private Uni<Void> finish(Run run, State state, String failedStep, String error) {
        Instant end = now();
        long durationMs = Math.max(0, end.toEpochMilli() - run.startedAt().toEpochMilli());
        boolean completed = error == null;
        List<EventEnvelope<?>> events = new ArrayList<>(state.unsent);
        events.add(completed
                ? ExecutionEvents.of(EventType.WORKFLOW_EXECUTION_COMPLETED, run.id(), new ExecutionCompleted(
                        run.id().toString(), run.functionUnitId().toString(), state.last, durationMs),
                        run.caller(), run.traceparent(), end)
                : ExecutionEvents.of(EventType.WORKFLOW_EXECUTION_FAILED, run.id(), new ExecutionFailed(
                        run.id().toString(), run.functionUnitId().toString(), failedStep, error, durationMs),
                        run.caller(), run.traceparent(), end).withStatus(Status.FAILED));
        ArrayNode steps = state.steps.deepCopy();
        return Panache.withTransaction(() -> ExecutionEntity.lock(run.id()).flatMap(execution -> {
            if (execution == null || !ExecutionEntity.RUNNING.equals(execution.status)) {
                return Uni.createFrom().item(false);
            }
            execution.status = completed ? ExecutionEntity.COMPLETED : ExecutionEntity.FAILED;
            execution.steps(steps);
            execution.output(completed ? state.last : null);
            execution.error = error;
            execution.failedStep = failedStep;
            execution.finishedAt = end;
            execution.heartbeatAt = end;
            return ExecutionEvents.addAll(outbox, events).replaceWith(true);
        })).invoke(ended -> {
            if (ended) {
                publisher.wake();
                durations.record(java.time.Duration.ofMillis(durationMs));
                if (completed) {
                    Log.debugf("execution %s completed in %d ms", run.id(), durationMs);
                } else {
                    Log.infof("execution %s failed at step %s: %s (correlation %s)", run.id(), failedStep, error,
                            run.correlationId());
                }
            }
        }).replaceWithVoid();
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node == null ? NODES.nullNode() : node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Microseconds, as PostgreSQL keeps them. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
