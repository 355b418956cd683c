package io.lowcode.eventschema.payload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code workflow.execution-started} v1.
 *
 * @param executionId    id of the execution (the event subject)
 * @param functionUnitId function unit being executed
 * @param version        its version
 * @param userId         user who started it
 * @param input          input parameters, a JSON object (copied; the copy returned is yours)
 */
public record ExecutionStarted(String executionId, String functionUnitId, String version, String userId,
                               JsonNode input) implements EventPayload {

    public ExecutionStarted {
        Payloads.required(executionId, "executionId");
        input = Payloads.copy(input);
    }

    @Override
    public JsonNode input() {
        return input.deepCopy();
    }
}
