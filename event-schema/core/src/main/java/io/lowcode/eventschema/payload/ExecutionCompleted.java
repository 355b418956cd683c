package io.lowcode.eventschema.payload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code workflow.execution-completed} v1.
 *
 * @param executionId    id of the execution (the event subject)
 * @param functionUnitId function unit that was executed
 * @param output         result, any JSON value (copied; the copy returned is yours)
 * @param durationMs     elapsed milliseconds
 */
public record ExecutionCompleted(String executionId, String functionUnitId, JsonNode output, long durationMs)
        implements EventPayload {

    public ExecutionCompleted {
        Payloads.required(executionId, "executionId");
        output = Payloads.copy(output);
    }

    @Override
    public JsonNode output() {
        return output.deepCopy();
    }
}
