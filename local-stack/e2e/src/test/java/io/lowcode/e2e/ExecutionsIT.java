package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Workflow executions on the packaged platform: started in the portal, followed there and in the admin center's
 * execution monitor; a failing step; retirement interrupting running executions; and 1,000 executions started at
 * once, spread over the 12 partitions, each applied exactly once by the monitor.
 */
class ExecutionsIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final Map<String, Object> THREE_STEPS = Map.of("steps", List.of(
            Map.of("name", "price", "kind", "transform", "set", Map.of("total", "${/input/amount}")),
            Map.of("name", "check", "kind", "branch",
                    "if", Map.of("path", "/steps/price/total", "op", "lte", "value", 1000),
                    "then", "accept", "else", "end"),
            Map.of("name", "accept", "kind", "transform", "set", Map.of("accepted", "${/steps/price/total}"))));

    private static RunningPlatform platform;
    private static RunningPlatform.User user;

    @BeforeAll
    static void aUser() {
        platform = RunningPlatform.shared();
        user = platform.newUser("e2e-runner", List.of(Roles.USER, Roles.POWER_USER));
    }

    @Test
    void anExecutionCompletesInThePortalAndIsCountedByTheMonitor() {
        String unit = deploy("Expense check", THREE_STEPS);
        String id = start(unit, Map.of("amount", 250));
        await().atMost(PROPAGATION).untilAsserted(() -> portal().get("/api/v1/executions/" + id).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("output.accepted", equalTo(250)));
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(stats(unit).getLong("completed")).isEqualTo(1));
        assertThat(stats(unit).getDouble("successRate")).isEqualTo(1.0);
    }

    @Test
    void aFailingStepFailsTheExecutionEverywhere() {
        String unit = deploy("Always fails", Map.of("steps", List.of(
                Map.of("name", "ok", "kind", "transform", "set", Map.of()),
                Map.of("name", "boom", "kind", "fail", "message", "limit of ${/input/amount} exceeded"))));
        String id = start(unit, Map.of("amount", 5));
        await().atMost(PROPAGATION).untilAsserted(() -> portal().get("/api/v1/executions/" + id).then()
                .body("status", equalTo("FAILED")).body("failedStep", equalTo("boom"))
                .body("error", equalTo("limit of 5 exceeded")));
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(stats(unit).getLong("failed")).isEqualTo(1));
    }

    @Test
    void retiringAUnitInterruptsItsRunningExecutions() {
        String unit = deploy("Long wait", Map.of("steps", List.of(Map.of("name", "hold", "kind", "wait", "ms", 60000))));
        String first = start(unit, Map.of());
        String second = start(unit, Map.of());
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(stats(unit).getLong("running")).isEqualTo(2));

        platform.asAdmin(platform.adminCenter()).contentType(ContentType.JSON).body(Map.of("reason", "replaced"))
                .post("/api/v1/function-units/" + unit + "/retirement").then().statusCode(200);
        for (String id : List.of(first, second)) {
            await().atMost(PROPAGATION).untilAsserted(() -> portal().get("/api/v1/executions/" + id).then()
                    .body("status", equalTo("INTERRUPTED")));
        }
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(stats(unit).getLong("interrupted")).isEqualTo(2));
        assertThat(stats(unit).getLong("running")).isZero();
    }

    @Test
    void aThousandConcurrentExecutionsAllCompleteAndEachEventIsAppliedOnce() throws Exception {
        String unit = deploy("Load", THREE_STEPS);
        int count = 1000;
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32))
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest start = HttpRequest.newBuilder(URI.create(platform.portal() + "/api/v1/functions/" + unit + "/executions"))
                .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":{\"amount\":42}}")).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(http.sendAsync(start, HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
        assertThat(calls).allSatisfy(c -> assertThat(c.get().statusCode()).isEqualTo(202));

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(stats(unit).getLong("completed")).isEqualTo(count));
        JsonPath stats = stats(unit);
        assertThat(stats.getLong("total")).isEqualTo(count);
        assertThat(stats.getLong("failed") + stats.getLong("interrupted") + stats.getLong("running")).isZero();
        try (Connection db = platform.stack().postgres().connect()) {
            // three step-completed events per execution, each counted once: a double apply would show up here
            assertThat(queryLong(db, "SELECT sum(steps_completed) FROM admin_center.execution_record "
                    + "WHERE function_unit_id = ?", unit)).isEqualTo(3L * count);
            assertThat(queryLong(db, "SELECT count(*) FROM admin_center.inbox_event i JOIN portal.outbox_event o "
                    + "ON o.event_id = i.event_id JOIN portal.execution e ON e.id::text = o.event_key "
                    + "WHERE i.consumer_group = 'execution-monitor' AND e.function_unit_id = ?::uuid", unit))
                    .isEqualTo(5L * count);
            assertThat(queryLong(db, "SELECT count(DISTINCT i.kafka_partition) FROM admin_center.inbox_event i "
                    + "JOIN portal.outbox_event o ON o.event_id = i.event_id JOIN portal.execution e "
                    + "ON e.id::text = o.event_key WHERE i.consumer_group = 'execution-monitor' "
                    + "AND e.function_unit_id = ?::uuid", unit)).as("partitions used").isEqualTo(12);
        }
    }

    private static long queryLong(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Creates, publishes and deploys a unit with {@code definition} (as the first admin), once the portal has it. */
    static String deploy(String name, Map<String, Object> definition) {
        String unit = platform.asAdmin(platform.workstation()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "definition", definition))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
        platform.asAdmin(platform.workstation()).contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + unit + "/versions").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> platform.asAdmin(platform.adminCenter())
                .contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + unit + "/deployments").then().statusCode(201));
        await().atMost(PROPAGATION).untilAsserted(() -> portal().get("/api/v1/functions/" + unit).then().statusCode(200));
        return unit;
    }

    private static String start(String unit, Map<String, Object> input) {
        return portal().contentType(ContentType.JSON).body(Map.of("input", input))
                .post("/api/v1/functions/" + unit + "/executions").then().statusCode(202).extract().jsonPath().getString("id");
    }

    private static io.restassured.specification.RequestSpecification portal() {
        return RunningPlatform.as(user.token(), platform.portal());
    }

    private static JsonPath stats(String unit) {
        List<Map<String, Object>> all = platform.asAdmin(platform.adminCenter()).get("/api/v1/executions/stats")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> mine = all.stream().filter(s -> unit.equals(s.get("functionUnitId"))).findFirst()
                .orElse(Map.of("total", 0, "running", 0, "completed", 0, "failed", 0, "interrupted", 0));
        return JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(mine).toString());
    }
}
