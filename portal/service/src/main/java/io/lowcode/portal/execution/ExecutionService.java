package io.lowcode.portal.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.definition.ContentDigest;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Status;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.ExecutionFailed;
import io.lowcode.eventschema.payload.ExecutionInterrupted;
import io.lowcode.eventschema.payload.ExecutionStarted;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.Recipients;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.messaging.UnitOfWork;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.eventschema.runtime.selfhealing.Incidents;
import io.lowcode.eventschema.runtime.tracing.EventTracing;
import io.lowcode.portal.api.ExecutionView;
import io.lowcode.portal.execution.budget.JsonSize;
import io.lowcode.portal.function.AvailableFunctionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Starting executions, reading them, and interrupting them: when their function unit is retired (the users are
 * told through a {@code notification.requested}) and when they are orphaned (their pod stopped).
 */
@ApplicationScoped
public class ExecutionService {

    /** A RUNNING execution whose heartbeat is older than this is orphaned (longest gap: a 60 s wait + a 30 s call). */
    static final Duration ORPHANED_AFTER = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Outbox outbox;
    private final UnitOfWork work;
    private final ExecutionEngine engine;
    private final RunningExecutions running;
    private final Incidents incidents;
    private final long maxInput;

    public ExecutionService(Outbox outbox, UnitOfWork work, ExecutionEngine engine, RunningExecutions running,
            Incidents incidents, ExecutionConfig config) {
        this.outbox = outbox;
        this.work = work;
        this.engine = engine;
        this.running = running;
        this.incidents = incidents;
        this.maxInput = config.maxContext().asLongValue();
    }

    /**
     * Commits a RUNNING execution and its {@code started} event, then runs it in the background. A definition that
     * cannot run is recorded as FAILED at once (started, then failed), so the monitor counts it.
     *
     * {@code ticket} (the start's admission) goes with the execution and is released when it ends; the caller releases
     * it when this fails.
     *
     * @throws ProblemException 404 when the unit has no deployed version; 409 {@code definition-unknown} when the
     *                          portal has not received the deployed version's definition, {@code definition-digest-mismatch}
     *                          when that definition is not the content the admin center approved; 413 {@code too-large}
     *                          when the input is larger than an execution's context may be
     */
    public Uni<ExecutionView> start(UUID functionUnitId, JsonNode input, Caller caller, Runnable ticket) {
        JsonNode in = input == null || input.isNull() ? JsonNodeFactory.instance.objectNode() : input;
        if (JsonSize.of(in, maxInput) < 0) {
            throw ProblemException.tooLarge("input: larger than " + maxInput + " bytes (lowcode.execution.max-context)");
        }
        return work.background(() -> commitStart(functionUnitId, in, caller)).map(started -> {
            if (started.run() != null) {
                engine.launch(started.run(), ticket);
            } else {
                ticket.run();
            }
            return started.view();
        });
    }

    private record Started(ExecutionView view, ExecutionEngine.Run run) {
    }

    /** In the caller's transaction. */
    private Uni<Started> commitStart(UUID functionUnitId, JsonNode input, Caller caller) {
        return AvailableFunctionEntity.<AvailableFunctionEntity>findById(functionUnitId).flatMap(function -> {
            if (function == null) {
                throw ProblemException.notFound("available function", functionUnitId);
            }
            return FunctionVersionEntity.find(functionUnitId, function.version).flatMap(version -> {
                if (version == null) {
                    throw ProblemException.conflict("definition-unknown", "the definition of version "
                            + function.version + " of function unit " + functionUnitId + " has not reached the portal");
                }
                JsonNode tree = readDefinition(version);
                if (function.contentDigest != null && !function.contentDigest.equals(ContentDigest.of(tree))) {
                    Log.warnf("refused to run %s %s: its definition's digest is not the approved %s", functionUnitId,
                            function.version, function.contentDigest);
                    throw ProblemException.conflict("definition-digest-mismatch", "the definition of version "
                            + function.version + " the portal holds is not the content the admin center deployed");
                }
                WorkflowDefinition definition = null;
                String invalid = null;
                try {
                    definition = WorkflowDefinition.parse(tree);
                } catch (Exception e) {
                    invalid = ExecutionEngine.truncate("the definition cannot run: " + e.getMessage(),
                            ExecutionEngine.MAX_ERROR_LENGTH);
                }
                Instant now = ExecutionEngine.now();
                ExecutionEntity execution = new ExecutionEntity();
                execution.id = UUID.randomUUID();
                execution.functionUnitId = functionUnitId;
                execution.version = function.version;
                execution.userId = caller.userId();
                execution.status = invalid == null ? ExecutionEntity.RUNNING : ExecutionEntity.FAILED;
                execution.input = ExecutionEngine.json(input);
                execution.steps(JsonNodeFactory.instance.arrayNode());
                execution.startedAt = now;
                execution.heartbeatAt = now;
                List<EventEnvelope<?>> events = new ArrayList<>();
                events.add(ExecutionEvents.of(EventType.WORKFLOW_EXECUTION_STARTED, execution.id, new ExecutionStarted(
                        execution.id.toString(), functionUnitId.toString(), function.version, caller.userId(), input),
                        caller, null, now));
                if (invalid != null) {
                    execution.error = invalid;
                    execution.finishedAt = now;
                    events.add(ExecutionEvents.of(EventType.WORKFLOW_EXECUTION_FAILED, execution.id, new ExecutionFailed(
                            execution.id.toString(), functionUnitId.toString(), null, invalid, 0),
                            caller, null, now).withStatus(Status.FAILED));
                    Log.infof("execution %s of %s failed at once: %s", execution.id, functionUnitId, invalid);
                }
                ExecutionEngine.Run run = invalid != null ? null : new ExecutionEngine.Run(execution.id, functionUnitId,
                        function.version, caller, EventTracing.current().orElse(null), definition, input, now);
                return execution.persist()
                        .flatMap(ignored -> ExecutionEvents.addAll(outbox, events))
                        .map(ignored -> new Started(view(execution), run));
            });
        });
    }

    private static JsonNode readDefinition(FunctionVersionEntity version) {
        try {
            return JSON.readTree(version.definition);
        } catch (java.io.IOException corrupt) {
            throw new IllegalStateException("definition of " + version.functionUnitId + " " + version.version
                    + " is not JSON", corrupt);
        }
    }

    /**
     * Interrupts a running execution on behalf of {@code caller}: its own, or anyone's for an admin. It stops at once
     * when it runs in this pod, at its next step boundary otherwise.
     *
     * @throws ProblemException 404 when there is no such execution of the caller's (and the caller is no admin), 409
     *                          {@code not-running} when it has ended
     */
    public Uni<ExecutionView> cancel(UUID id, Caller caller, boolean admin) {
        return work.background(() -> ExecutionEntity.lock(id).flatMap(execution -> {
            if (execution == null || !(admin || execution.userId.equals(caller.userId()))) {
                throw ProblemException.notFound("execution", id);
            }
            if (!ExecutionEntity.RUNNING.equals(execution.status)) {
                throw ProblemException.conflict("not-running", "execution " + id + " has ended (" + execution.status + ")");
            }
            boolean own = execution.userId.equals(caller.userId());
            String reason = own ? "cancelled by its user" : "cancelled by an administrator (" + caller.userId() + ")";
            interrupt(execution, reason, ExecutionEngine.now());
            Log.infof("execution %s %s (correlation %s)", id, reason, caller.correlationId());
            return ExecutionEvents.addAll(outbox, List.of(ExecutionEvents.of(EventType.WORKFLOW_EXECUTION_INTERRUPTED,
                    execution.id, new ExecutionInterrupted(execution.id.toString(), execution.functionUnitId.toString(),
                            reason), caller, null, ExecutionEngine.now()))).map(ignored -> view(execution));
        }));
    }

    /** The execution, if {@code userId} started it (anyone else gets the same 404 as for an unknown id). */
    @WithSession
    public Uni<ExecutionView> get(UUID id, String userId) {
        return ExecutionEntity.<ExecutionEntity>findById(id).map(execution -> {
            if (execution == null || !execution.userId.equals(userId)) {
                throw ProblemException.notFound("execution", id);
            }
            return view(execution);
        });
    }

    /**
     * Interrupts the unit's running executions, in the caller's transaction (the retirement's inbox transaction),
     * and tells each user whose execution it was.
     */
    public Uni<Void> interruptAll(UUID functionUnitId, String version, String functionName, String reason,
            EventEnvelope<?> cause) {
        return ExecutionEntity.runningOf(functionUnitId, version).flatMap(executions -> {
            if (executions.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Instant now = ExecutionEngine.now();
            String why = ExecutionEngine.truncate(reason, ExecutionEngine.MAX_ERROR_LENGTH);
            List<EventEnvelope<?>> events = new ArrayList<>();
            Map<String, List<String>> byUser = new LinkedHashMap<>();
            for (ExecutionEntity execution : executions) {
                interrupt(execution, why, now);
                events.add(ExecutionEvents.of(EventType.WORKFLOW_EXECUTION_INTERRUPTED, execution.id,
                        new ExecutionInterrupted(execution.id.toString(), functionUnitId.toString(), why),
                        new Caller(execution.userId, cause.correlationid()), null, now));
                byUser.computeIfAbsent(execution.userId, u -> new ArrayList<>()).add(execution.id.toString());
            }
            byUser.forEach((user, ids) -> events.add(notification(user, functionUnitId, functionName, ids, why,
                    cause.correlationid(), now)));
            Log.infof("interrupted %d running execution(s) of %s (%s) for %d user(s) (event %s, correlation %s)",
                    executions.size(), functionUnitId, reason, byUser.size(), cause.id(), cause.correlationid());
            return ExecutionEvents.addAll(outbox, events).replaceWithVoid();
        });
    }

    /** Every 30 s: RUNNING executions without a heartbeat for {@link #ORPHANED_AFTER} (their pod stopped). */
    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> interruptOrphans() {
        Instant cutoff = ExecutionEngine.now().minus(ORPHANED_AFTER);
        return work.background(() -> ExecutionEntity.<ExecutionEntity>find("status = ?1 and heartbeatAt < ?2", ExecutionEntity.RUNNING, cutoff)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).page(0, 200).list()
                .flatMap(orphans -> {
                    List<EventEnvelope<?>> events = new ArrayList<>();
                    Instant now = ExecutionEngine.now();
                    Instant oldest = null;
                    List<String> stranded = new ArrayList<>();
                    for (ExecutionEntity execution : orphans) {
                        if (running.isRunningHere(execution.id)) {
                            continue;
                        }
                        oldest = oldest == null || execution.heartbeatAt.isBefore(oldest) ? execution.heartbeatAt : oldest;
                        stranded.add(execution.id.toString());
                        String reason = "no progress since " + execution.heartbeatAt + ": the portal instance running it stopped";
                        interrupt(execution, reason, now);
                        events.add(ExecutionEvents.of(EventType.WORKFLOW_EXECUTION_INTERRUPTED, execution.id,
                                new ExecutionInterrupted(execution.id.toString(), execution.functionUnitId.toString(),
                                        reason), new Caller(execution.userId, null), null, now));
                    }
                    if (!events.isEmpty()) {
                        Log.warnf("interrupted %d orphaned execution(s)", events.size());
                        // the fault history: recorded in the same transaction as the interruptions
                        events.add(incidents.event(new Incidents.Incident(Incidents.EXECUTION_ORPHANED,
                                stranded.size() == 1 ? "execution " + stranded.get(0) : stranded.size() + " executions",
                                now, stranded.size() + " RUNNING execution(s) without a heartbeat since " + oldest
                                        + " (their portal instance stopped): " + String.join(", ", stranded),
                                "interrupted them (workflow.execution-interrupted) so that monitors and users see the "
                                        + "end", Incidents.DONE, null, now)));
                    }
                    return ExecutionEvents.addAll(outbox, events).replaceWithVoid();
                }));
    }

    private void interrupt(ExecutionEntity execution, String reason, Instant now) {
        execution.status = ExecutionEntity.INTERRUPTED;
        execution.error = reason;
        execution.finishedAt = now;
        running.cancel(execution.id);
    }

    private static EventEnvelope<NotificationRequested> notification(String userId, UUID functionUnitId, String name,
            List<String> executionIds, String reason, String correlationId, Instant now) {
        UUID id = UUID.randomUUID();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("functionUnitId", functionUnitId.toString());
        parameters.put("functionName", name);
        parameters.put("executions", String.join(",", executionIds));
        parameters.put("reason", reason);
        EventEnvelope<NotificationRequested> event = EventEnvelope.of(EventType.NOTIFICATION_REQUESTED, id.toString(),
                        new NotificationRequested(id.toString(), new Recipients(List.of(userId), List.of()),
                                "execution-interrupted", parameters, Severity.WARNING, List.of(Channel.EMAIL, Channel.IM)))
                .withSource(SourceModule.PORTAL)
                .withTime(now);
        return correlationId == null ? event : event.withCorrelationId(correlationId);
    }

    static ExecutionView view(ExecutionEntity e) {
        try {
            JsonNode steps = e.steps();
            List<ExecutionView.StepView> stepViews = new ArrayList<>();
            steps.forEach(s -> stepViews.add(new ExecutionView.StepView(s.path("index").asInt(), s.path("name").asText(),
                    s.path("kind").asText(), s.get("output"), s.path("durationMs").asLong())));
            return new ExecutionView(e.id, e.functionUnitId, e.version, e.status, JSON.readTree(e.input),
                    e.output(), e.error, e.failedStep, stepViews, e.startedAt,
                    e.finishedAt);
        } catch (java.io.IOException corrupt) {
            throw new IllegalStateException("execution " + e.id + " has unreadable JSON", corrupt);
        }
    }
}
