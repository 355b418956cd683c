package io.lowcode.eventschema.payload;

/**
 * {@code workflow.execution-interrupted} v1: stopped before it finished.
 *
 * @param executionId    id of the execution (the event subject)
 * @param functionUnitId function unit that was executed
 * @param reason         why (user cancel, timeout, retirement…)
 */
public record ExecutionInterrupted(String executionId, String functionUnitId, String reason)
        implements EventPayload {

    public ExecutionInterrupted {
        Payloads.required(executionId, "executionId");
    }
}
