package io.lowcode.eventschema.payload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code workflow.step-completed} v1.
 *
 * @param executionId    id of the execution (the event subject)
 * @param functionUnitId function unit being executed
 * @param stepIndex      zero-based position of the step
 * @param stepName       name of the step
 * @param output         output of the step, any JSON value (copied; the copy returned is yours)
 * @param durationMs     elapsed milliseconds
 */
public record StepCompleted(String executionId, String functionUnitId, int stepIndex, String stepName,
                            JsonNode output, long durationMs) implements EventPayload {

    public StepCompleted {
        Payloads.required(executionId, "executionId");
        output = Payloads.copy(output);
    }

    @Override
    public JsonNode output() {
        return output.deepCopy();
    }
}
