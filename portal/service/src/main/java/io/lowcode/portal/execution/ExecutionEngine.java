package io.lowcode.portal.execution;

import java.time.Duration;
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
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Status;
import io.lowcode.eventschema.payload.ExecutionCompleted;
import io.lowcode.eventschema.payload.ExecutionFailed;
import io.lowcode.eventschema.payload.StepCompleted;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.messaging.UnitOfWork;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.portal.execution.StepRunner.Stopped;
import io.lowcode.portal.execution.WorkflowDefinition.Step;
import io.lowcode.portal.execution.budget.BudgetExceeded;
import io.lowcode.portal.execution.budget.JsonSize;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * row and goes on only while it is RUNNING, so an interruption (cancellation, retirement, orphan sweep, another pod)
 * stops the execution at its next step boundary — or at once when it runs here — and no event follows
 * {@code interrupted}.
 *
 * <p>Every execution has a budget ({@link ExecutionConfig}): steps run, run time, output per step, context (input plus
 * every output) and the pod's share of memory; exceeding one fails it with a message naming the limit. Whatever a step
 * throws — an Error included — ends the execution FAILED at that step; nothing leaves it RUNNING.
 */
@ApplicationScoped
public class ExecutionEngine {

    /** The longest error text an event carries ({@code workflow.execution-failed} {@code error}). */
    static final int MAX_ERROR_LENGTH = 4000;

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
        long contextBytes;

        State(JsonNode input, long inputBytes) {
            context.set("input", input);
            context.set("last", last);
            contextBytes = inputBytes;
        }
    }

    private final Vertx vertx;
    private final StepRunner runner;
    private final Outbox outbox;
    private final UnitOfWork work;
    private final RunningExecutions running;
    private final Timer durations;
    private final int maxSteps;
    private final Duration maxDuration;
    private final long maxStepOutput;
    private final long maxContext;

    public ExecutionEngine(Vertx vertx, StepRunner runner, Outbox outbox, UnitOfWork work,
            RunningExecutions running, MeterRegistry registry, ExecutionConfig config) {
        this.vertx = vertx;
        this.runner = runner;
        this.outbox = outbox;
        this.work = work;
        this.running = running;
        this.maxSteps = config.maxSteps();
        this.maxDuration = config.maxDuration();
        this.maxStepOutput = config.maxStepOutput().asLongValue();
        this.maxContext = config.maxContext().asLongValue();
        this.durations = Timer.builder("lowcode_execution_duration_seconds")
                .description("Start to end of workflow executions run in this pod").publishPercentileHistogram()
                .register(registry);
    }

    /**
     * Runs the execution in the background, on a context of its own (the request that started it has ended);
     * {@code ticket} (its admission) is released when it ends here.
     */
    public void launch(Run run, Runnable ticket) {
        running.started(run.id(), ticket);
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Uni.createFrom().deferred(() -> begin(run))
                .onTermination().invoke(() -> running.ended(run.id()))
                .subscribe().with(done -> {
                }, failure -> Log.errorf(failure, "execution %s stopped on an unexpected error (correlation %s); the "
                        + "orphan sweep will interrupt it", run.id(), run.correlationId())));
    }

    private Uni<Void> begin(Run run) {
        long inputBytes = JsonSize.of(run.input(), maxContext);
        State state = new State(run.input(), Math.max(0, inputBytes));
        if (inputBytes < 0) {
            return finish(run, state, null, "the input is larger than " + maxContext
                    + " bytes (lowcode.execution.max-context)");
        }
        if (!running.resize(run.id(), inputBytes)) {
            return finish(run, state, null, podMemoryExhausted());
        }
        return loop(run, state, 0, 0);
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
            if (count >= maxSteps) {
                return finish(run, state, step.name(), "more than " + maxSteps
                        + " steps run (a branch loops?) (lowcode.execution.max-steps)");
            }
            Duration left = Duration.between(Instant.now(), run.startedAt().plus(maxDuration));
            if (left.isNegative() || left.isZero()) {
                return finish(run, state, step.name(), "ran longer than " + maxDuration
                        + " (lowcode.execution.max-duration)");
            }
            long began = System.nanoTime();
            if (StepRunner.isAsync(step)) {
                return runAsync(run, state, index, count + 1, step, left, began);
            }
            try {
                StepRunner.Outcome outcome = runner.runNow(run.definition(), index, step, state.context);
                record(run, state, index, step, outcome.output(), began);
                index = outcome.next();
                count++;
            } catch (Throwable failure) {
                return finish(run, state, step.name(), errorOf(failure, run, step));
            }
        }
    }

    private Uni<Void> runAsync(Run run, State state, int index, int runCount, Step step, Duration left, long began) {
        return Uni.createFrom().deferred(() -> runner.runLater(step, state.context, index, left,
                        stop -> running.onCancel(run.id(), stop)))
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    running.onCancel(run.id(), null);
                    if (failure instanceof Stopped) {
                        Log.infof("execution %s stops in step %s: interrupted", run.id(), step.name());
                        return Uni.createFrom().voidItem();
                    }
                    if (failure != null) {
                        return finish(run, state, step.name(), errorOf(failure, run, step));
                    }
                    try {
                        record(run, state, index, step, outcome.output(), began);
                    } catch (Throwable tooLarge) {
                        return finish(run, state, step.name(), errorOf(tooLarge, run, step));
                    }
                    return checkpoint(run, state).flatMap(goOn -> goOn
                            ? loop(run, state, outcome.next(), runCount) : Uni.createFrom().voidItem());
                });
    }

    /** Adds the step's output to the context, within the output, context and pod budgets. */
    private void record(Run run, State state, int index, Step step, JsonNode output, long began) {
        long size = JsonSize.of(output, maxStepOutput);
        if (size < 0) {
            throw new BudgetExceeded("the output of step '" + step.name() + "' is larger than " + maxStepOutput
                    + " bytes (lowcode.execution.max-step-output)");
        }
        long context = state.contextBytes + size;
        if (context > maxContext) {
            throw new BudgetExceeded("the execution's context (input and every step's output) is larger than "
                    + maxContext + " bytes (lowcode.execution.max-context)");
        }
        if (!running.resize(run.id(), context)) {
            throw new BudgetExceeded(podMemoryExhausted());
        }
        state.contextBytes = context;
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

    private static String podMemoryExhausted() {
        return "the portal holds as much execution context as it may (lowcode.execution.max-pod-context); try again later";
    }

    /** The error an execution fails with: a step's or budget's own message; for anything else no internals. */
    private static String errorOf(Throwable failure, Run run, Step step) {
        if (failure instanceof StepRunner.StepFailure || failure instanceof BudgetExceeded
                || failure instanceof IllegalArgumentException) {
            return failure.getMessage();
        }
        if (failure instanceof StackOverflowError) {
            return "step '" + step.name() + "' works on data nested too deeply";
        }
        if (failure instanceof OutOfMemoryError) {
            return "step '" + step.name() + "' ran out of memory";
        }
        String incident = UUID.randomUUID().toString();
        Log.errorf(failure, "execution %s failed unexpectedly in step %s (incident %s, correlation %s)", run.id(),
                step.name(), incident, run.correlationId());
        return "step '" + step.name() + "' failed unexpectedly; incident " + incident + " is in the portal's log";
    }

    /** Commits the progress; {@code false} when the execution is no longer RUNNING (it was interrupted). */
    private Uni<Boolean> checkpoint(Run run, State state) {
        List<EventEnvelope<StepCompleted>> events = List.copyOf(state.unsent);
        ArrayNode steps = state.steps.deepCopy();
        // the unit of work relays the step events right after the commit
        return work.background(() -> ExecutionEntity.lock(run.id()).flatMap(execution -> {
            if (execution == null || !ExecutionEntity.RUNNING.equals(execution.status)) {
                return Uni.createFrom().item(false);
            }
            execution.steps(steps);
            execution.heartbeatAt = now();
            return ExecutionEvents.addAll(outbox, events).replaceWith(true);
        })).invoke(goOn -> {
            if (goOn) {
                state.unsent.removeAll(events);
            } else {
                Log.infof("execution %s stops at a checkpoint: it is no longer running", run.id());
            }
        });
    }

    /**
     * Ends the execution: completed when {@code failedStep} and {@code error} are null, else failed. When its events
     * cannot be written (an event the codec refuses), it ends FAILED without them rather than stay RUNNING.
     */
    private Uni<Void> finish(Run run, State state, String failedStep, String error) {
        String cut = error == null ? null : truncate(error, MAX_ERROR_LENGTH);
        return end(run, state, failedStep, cut, true).onFailure(InvalidEventException.class).recoverWithUni(invalid -> {
            Log.errorf("execution %s: its events cannot be written (%s); it ends FAILED without its step events",
                    run.id(), invalid.getMessage());
            return end(run, state, failedStep, "the execution's events could not be written: "
                    + truncate(invalid.getMessage(), 300), false);
        });
    }

    private Uni<Void> end(Run run, State state, String failedStep, String error, boolean withSteps) {
        Instant end = now();
        long durationMs = Math.max(0, end.toEpochMilli() - run.startedAt().toEpochMilli());
        boolean completed = error == null;
        List<EventEnvelope<?>> events = new ArrayList<>(withSteps ? state.unsent : List.of());
        events.add(completed
                ? ExecutionEvents.of(EventType.WORKFLOW_EXECUTION_COMPLETED, run.id(), new ExecutionCompleted(
                        run.id().toString(), run.functionUnitId().toString(), state.last, durationMs),
                        run.caller(), run.traceparent(), end)
                : ExecutionEvents.of(EventType.WORKFLOW_EXECUTION_FAILED, run.id(), new ExecutionFailed(
                        run.id().toString(), run.functionUnitId().toString(), failedStep, error, durationMs),
                        run.caller(), run.traceparent(), end).withStatus(Status.FAILED));
        ArrayNode steps = withSteps ? state.steps.deepCopy() : NODES.arrayNode();
        return work.background(() -> ExecutionEntity.lock(run.id()).flatMap(execution -> {
            if (execution == null || !ExecutionEntity.RUNNING.equals(execution.status)) {
                return Uni.createFrom().item(false);
            }
            execution.status = completed ? ExecutionEntity.COMPLETED : ExecutionEntity.FAILED;
            if (withSteps) {
                execution.steps(steps);
            }
            execution.output(completed ? state.last : null);
            execution.error = error;
            execution.failedStep = failedStep;
            execution.finishedAt = end;
            execution.heartbeatAt = end;
            return ExecutionEvents.addAll(outbox, events).replaceWith(true);
        })).invoke(ended -> {
            if (ended) {
                durations.record(Duration.ofMillis(durationMs));
                if (completed) {
                    Log.debugf("execution %s completed in %d ms", run.id(), durationMs);
                } else {
                    Log.infof("execution %s failed at step %s: %s (correlation %s)", run.id(), failedStep, error,
                            run.correlationId());
                }
            }
        }).replaceWithVoid();
    }

    /** At most {@code max} characters: what an event field accepts. */
    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
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
