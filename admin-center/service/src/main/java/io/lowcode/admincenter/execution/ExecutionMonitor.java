package io.lowcode.admincenter.execution;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ExecutionStats;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.ExecutionCompleted;
import io.lowcode.eventschema.payload.ExecutionFailed;
import io.lowcode.eventschema.payload.ExecutionInterrupted;
import io.lowcode.eventschema.payload.ExecutionStarted;
import io.lowcode.eventschema.payload.StepCompleted;
import io.lowcode.eventschema.runtime.messaging.PermanentEventFailure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The execution monitor: one row per execution from workflow-execution-events (inside the inbox transaction the
 * consumer runs them in; key = execution id, so one execution's events arrive in order), and per function unit
 * counts, success rate, p95 duration and what is running.
 */
@ApplicationScoped
public class ExecutionMonitor {

    public Uni<Void> onStarted(EventEnvelope<?> event, ExecutionStarted started) {
        ExecutionRecordEntity record = new ExecutionRecordEntity();
        record.executionId = executionId(event, started.executionId());
        record.functionUnitId = started.functionUnitId();
        record.version = started.version();
        record.userId = started.userId();
        record.status = "RUNNING";
        record.startedAt = event.time();
        return record.persist().replaceWithVoid();
    }

    public Uni<Void> onStepCompleted(EventEnvelope<?> event, StepCompleted step) {
        return update(event, step.executionId(), record -> record.stepsCompleted++);
    }

    public Uni<Void> onCompleted(EventEnvelope<?> event, ExecutionCompleted completed) {
        return update(event, completed.executionId(), record -> end(record, "COMPLETED", event, completed.durationMs()));
    }

    public Uni<Void> onFailed(EventEnvelope<?> event, ExecutionFailed failed) {
        return update(event, failed.executionId(), record -> {
            end(record, "FAILED", event, failed.durationMs());
            record.failedStep = failed.failedStep();
            record.error = failed.error();
        });
    }

    public Uni<Void> onInterrupted(EventEnvelope<?> event, ExecutionInterrupted interrupted) {
        return update(event, interrupted.executionId(), record -> {
            long ms = record.startedAt == null ? 0 : Math.max(0, event.time().toEpochMilli() - record.startedAt.toEpochMilli());
            end(record, "INTERRUPTED", event, ms);
            record.error = interrupted.reason();
        });
    }

    private static void end(ExecutionRecordEntity record, String status, EventEnvelope<?> event, long durationMs) {
        record.status = status;
        record.finishedAt = event.time();
        record.durationMs = durationMs;
    }

    private static Uni<Void> update(EventEnvelope<?> event, String executionId,
            java.util.function.Consumer<ExecutionRecordEntity> change) {
        UUID id = executionId(event, executionId);
        return ExecutionRecordEntity.<ExecutionRecordEntity>findById(id).map(record -> {
            if (record == null) {
                // its started event is before it on the same partition: not there means it was never applied
                throw new PermanentEventFailure(event.type().type() + " " + event.id() + " is about execution " + id
                        + ", whose workflow.execution-started was never applied");
            }
            change.accept(record);
            return null;
        });
    }

    /** Per function unit: counts by status, success rate of the finished ones, p95 duration of the completed ones. */
    @WithSession
    public Uni<List<ExecutionStats>> stats() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT r.function_unit_id, f.name,
                       count(*),
                       count(*) FILTER (WHERE r.status = 'RUNNING'),
                       count(*) FILTER (WHERE r.status = 'COMPLETED'),
                       count(*) FILTER (WHERE r.status = 'FAILED'),
                       count(*) FILTER (WHERE r.status = 'INTERRUPTED'),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY r.duration_ms) FILTER (WHERE r.status = 'COMPLETED'),
                       avg(r.duration_ms) FILTER (WHERE r.status = 'COMPLETED')
                FROM execution_record r LEFT JOIN function_unit f ON f.function_unit_id = r.function_unit_id
                GROUP BY r.function_unit_id, f.name
                ORDER BY r.function_unit_id""", Object[].class).getResultList())
                .map(rows -> rows.stream().map(ExecutionMonitor::stats).toList());
    }

    private static ExecutionStats stats(Object[] row) {
        long total = number(row[2]);
        long running = number(row[3]);
        long completed = number(row[4]);
        long failed = number(row[5]);
        long interrupted = number(row[6]);
        long finished = completed + failed + interrupted;
        return new ExecutionStats((String) row[0], (String) row[1], total, running, completed, failed, interrupted,
                finished == 0 ? null : (double) completed / finished,
                row[7] == null ? null : Math.round(((Number) row[7]).doubleValue()),
                row[8] == null ? null : Math.round(((Number) row[8]).doubleValue()));
    }

    private static long number(Object value) {
        return value instanceof BigDecimal d ? d.longValue() : ((Number) value).longValue();
    }

    private static UUID executionId(EventEnvelope<?> event, String executionId) {
        if (!event.subject().equals(executionId)) {
            throw new PermanentEventFailure("event " + event.id() + " is about " + event.subject()
                    + " but its payload names execution " + executionId);
        }
        try {
            return UUID.fromString(executionId);
        } catch (IllegalArgumentException e) {
            throw new PermanentEventFailure("execution id '" + executionId + "' of event " + event.id() + " is not a UUID");
        }
    }
}
