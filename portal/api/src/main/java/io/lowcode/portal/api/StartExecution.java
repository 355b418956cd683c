package io.lowcode.portal.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Start an execution.
 *
 * @param input the input parameters, a JSON object ({@code {}} when absent); steps reference it as {@code ${/input/…}}
 */
public record StartExecution(JsonNode input) {
}
