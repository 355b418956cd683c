package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Definitions built to exhaust the portal, on the packaged platform: a 30-step doubling, a self-referencing set in a
 * loop and a string-doubling loop each end FAILED with the budget they hit, in well under a second, while the portal's
 * liveness answers throughout and nothing runs out of memory; texts too long for an event and a URL that renders
 * malformed never leave an execution RUNNING; a step name that would not fit an event is refused at publish time.
 */
class ExecutionBudgetAbuseIT {

    /** "Well under a second" (the issue): measured by the portal, start to end of the execution. */
    private static RunningPlatform platform;
    private static Workflows flows;

    @BeforeAll
    static void runner() {
        platform = RunningPlatform.shared();
        flows = Workflows.on(platform, "budget-runner");
    }

    private static JsonPath runToEnd(String name, List<Map<String, Object>> steps, Map<String, Object> input) {
        String unit = flows.deploy(name, Map.of("steps", steps));
        return flows.awaitEnd(flows.started(unit, input), Duration.ofSeconds(30));
    }

    /** How long the execution ran, printed: information (src-docs/abuse.md); the asserted error is the behaviour. */
    private static void printTook(JsonPath execution) {
        System.out.printf("%s ended %s after %d ms%n", execution.getString("id"), execution.getString("status"),
                Duration.between(Instant.parse(execution.getString("startedAt")),
                        Instant.parse(execution.getString("finishedAt"))).toMillis());
    }

    @Test
    void aThirtyStepDoublingEndsFailedAtTheOutputBudget() {
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(Map.of("name", "s0", "kind", "transform", "set", Map.of("v", "xxxxxxxxxx")));
        for (int k = 1; k <= 30; k++) {
            steps.add(Map.of("name", "s" + k, "kind", "transform", "set", Map.of("a", "${/last}", "b", "${/last}")));
        }
        try (HealthWatch ignored = HealthWatch.of(platform, "portal")) {
            JsonPath done = runToEnd("budget-doubling", steps, Map.of());
            assertThat(done.getString("status")).isEqualTo("FAILED");
            assertThat(done.getString("error")).contains("lowcode.execution.max-step-output");
            printTook(done);
        }
    }

    @Test
    void aSelfReferencingSetInALoopEndsFailedAtABudget() {
        List<Map<String, Object>> steps = List.of(
                Map.of("name", "me", "kind", "transform", "set", Map.of("self", "${/steps}")),
                Map.of("name", "again", "kind", "branch", "if", Map.of("path", "/input/loop", "op", "exists"),
                        "then", "me", "else", "end"));
        try (HealthWatch ignored = HealthWatch.of(platform, "portal")) {
            JsonPath done = runToEnd("budget-self-reference", steps, Map.of("loop", true));
            assertThat(done.getString("status")).isEqualTo("FAILED");
            assertThat(done.getString("error")).containsAnyOf("lowcode.execution.max-step-output",
                    "lowcode.execution.max-context", "nested more than");
            printTook(done);
        }
    }

    @Test
    void aStringDoublingLoopEndsFailedAtTheOutputBudget() {
        List<Map<String, Object>> steps = List.of(
                Map.of("name", "grow", "kind", "transform", "set", Map.of("s", "${/steps/grow/s}${/steps/grow/s}")),
                Map.of("name", "again", "kind", "branch", "if", Map.of("path", "/input/loop", "op", "exists"),
                        "then", "grow", "else", "end"));
        try (HealthWatch ignored = HealthWatch.of(platform, "portal")) {
            JsonPath done = runToEnd("budget-strings", steps, Map.of("loop", true));
            assertThat(done.getString("status")).isEqualTo("FAILED");
            assertThat(done.getString("error")).containsAnyOf("lowcode.execution.max-step-output",
                    "lowcode.execution.max-context");
            printTook(done);
        }
    }

    @Test
    void overLongTextsAndMalformedUrlsNeverLeaveAnExecutionRunning() {
        JsonPath message = runToEnd("budget-message", List.of(Map.of("name", "boom", "kind", "fail",
                "message", "${/input/m}")), Map.of("m", "m".repeat(100_000)));
        assertThat(message.getString("status")).isEqualTo("FAILED");
        assertThat(message.getString("error").length()).isLessThanOrEqualTo(4000);

        JsonPath url = runToEnd("budget-url", List.of(Map.of("name", "call", "kind", "http",
                "url", "http://127.0.0.1:${/input/port}/x")), Map.of("port", "80a"));
        assertThat(url.getString("status")).isEqualTo("FAILED");
        assertThat(url.getString("failedStep")).isEqualTo("call");
    }

    @Test
    void aStepNameThatWouldNotFitAnEventIsRefusedWhenTheVersionIsPublished() {
        String unit = platform.asAdmin(platform.workstation()).contentType(ContentType.JSON)
                .body(Map.of("name", "budget-name", "definition", Map.of("steps", List.of(Map.of("name",
                        "n".repeat(5000), "kind", "transform", "set", Map.of())))))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
        platform.asAdmin(platform.workstation()).contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + unit + "/versions").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
