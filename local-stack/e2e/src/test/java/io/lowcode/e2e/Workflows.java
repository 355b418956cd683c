package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lowcode.eventschema.access.Roles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Deploying a workflow and running it on the packaged platform, as a user would (shared by the abuse tests). */
final class Workflows {

    static final Duration PROPAGATION = Duration.ofSeconds(60);

    private final RunningPlatform platform;
    private final RunningPlatform.User runner;

    private Workflows(RunningPlatform platform, RunningPlatform.User runner) {
        this.platform = platform;
        this.runner = runner;
    }

    /** A new user with the power-user role (may run every deployed function) on {@code platform}. */
    static Workflows on(RunningPlatform platform, String username) {
        return new Workflows(platform, platform.newUser(username, List.of(Roles.USER, Roles.POWER_USER)));
    }

    RunningPlatform.User runner() {
        return runner;
    }

    /** Creates, publishes and deploys a unit with {@code definition} as the first admin, once the portal has it. */
    String deploy(String name, Map<String, Object> definition) {
        String unit = platform.asAdmin(platform.workstation()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "definition", definition))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
        platform.asAdmin(platform.workstation()).contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + unit + "/versions").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> platform.asAdmin(platform.adminCenter())
                .contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + unit + "/deployments").then().statusCode(201));
        await().atMost(PROPAGATION).untilAsserted(() -> RunningPlatform.as(runner.token(), platform.portal())
                .get("/api/v1/functions/" + unit).then().statusCode(200));
        return unit;
    }

    /** The start request. */
    Response start(String unit, Map<String, Object> input) {
        return RunningPlatform.as(runner.token(), platform.portal()).contentType(ContentType.JSON)
                .body(Map.of("input", input)).post("/api/v1/functions/" + unit + "/executions");
    }

    /** Starts an execution (202) and returns its id. */
    String started(String unit, Map<String, Object> input) {
        return start(unit, input).then().statusCode(202).extract().jsonPath().getString("id");
    }

    /** The execution once it is no longer RUNNING. */
    JsonPath awaitEnd(String id, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(view(id)
                .getString("status")).isNotEqualTo("RUNNING"));
        return view(id);
    }

    JsonPath view(String id) {
        return RunningPlatform.as(runner.token(), platform.portal()).get("/api/v1/executions/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    /** An http step {@code call} to {@code url} with a deadline. */
    static Map<String, Object> httpStep(String url, int timeoutMs) {
        return Map.of("steps", List.of(Map.of("name", "call", "kind", "http", "url", url, "timeoutMs", timeoutMs)));
    }
}
