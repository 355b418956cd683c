package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.localstack.testing.TopicReader;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Seed §2.3.1 across the three running services: create → published → deployed → retired, each
 * module's state and the audit trail checked over REST; then the delivery guarantees under a Kafka
 * outage (every service stays ready, its Kafka health group DOWN) and a crash between commit and publish. Effects are counted: each event applied exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionUnitLifecycleIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static RunningPlatform platform;
    private static RunningPlatform.User portalUser;

    @BeforeAll
    static void startPlatform() {
        platform = RunningPlatform.shared();
        portalUser = platform.newUser("e2e-power-user", List.of(Roles.USER, Roles.POWER_USER));
    }


    @Test
    @Order(1)
    void aFunctionUnitFlowsFromTheWorkstationThroughTheAdminCenterToThePortalAndBack() {
        // 1. created in the workstation → in the admin center's inventory, audited
        String id = platform.asAdmin(platform.workstation()).contentType(ContentType.JSON)
                .body(Map.of("name", "Purchase order", "definition", Map.of("steps", List.of(Map.of("kind", "wait")))))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
        awaitInventoryStatus(id, "CREATED");
        awaitAudited(id, EventType.FUNCTION_UNIT_CREATED);

        // 2. a version published → pending deployment in the admin center, audited
        platform.asAdmin(platform.workstation()).contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + id + "/versions").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> platform.asAdmin(platform.adminCenter())
                .get("/api/v1/deployments/pending").then().statusCode(200)
                .body("findAll { it.functionUnitId == '" + id + "' }.version", hasItem("1.0.0")));
        awaitAudited(id, EventType.FUNCTION_UNIT_PUBLISHED);

        // 3. deployed by an admin → available in the portal, shown deployed to the developer, audited
        platform.asAdmin(platform.adminCenter()).contentType(ContentType.JSON)
                .body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + id + "/deployments").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> RunningPlatform.as(portalUser.token(), platform.portal())
                .get("/api/v1/functions/" + id).then().statusCode(200).body("version", equalTo("1.0.0")));
        awaitVersionStatus(id, "DEPLOYED");
        awaitInventoryStatus(id, "DEPLOYED");
        awaitAudited(id, EventType.FUNCTION_UNIT_DEPLOYED);

        // 4. retired → gone from the portal, shown retired to the developer, audited
        platform.asAdmin(platform.adminCenter()).contentType(ContentType.JSON).body(Map.of("reason", "replaced"))
                .post("/api/v1/function-units/" + id + "/retirement").then().statusCode(200);
        await().atMost(PROPAGATION).untilAsserted(() -> RunningPlatform.as(portalUser.token(), platform.portal())
                .get("/api/v1/functions/" + id).then().statusCode(404));
        awaitVersionStatus(id, "RETIRED");
        awaitInventoryStatus(id, "RETIRED");
        awaitAudited(id, EventType.FUNCTION_UNIT_RETIRED);

        assertThat(auditCount(id)).as("one audit record per lifecycle event").isEqualTo(4);
    }

    @Test
    @Order(2)
    void aUnitCreatedWhileKafkaIsDownIsDeliveredAndAppliedExactlyOnceWhenKafkaIsBack() {
        List<String> services = List.of(platform.management("workstation"), platform.management("admin-center"),
                platform.management("portal"));
        platform.stack().kafka().close();
        String id;
        try {
            // every service sees the outage in its Kafka health group, and stays ready: writes go on, pending
            await().atMost(PROPAGATION).untilAsserted(() -> services.forEach(service ->
                    RestAssured.given().get(service + "/q/health/group/kafka").then().statusCode(503)));
            services.forEach(service -> RestAssured.given().get(service + "/q/health/ready").then().statusCode(200));
            id = platform.asAdmin(platform.workstation()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Created during an outage", "definition", Map.of()))
                    .post("/api/v1/function-units").then().statusCode(201)
                    .header("X-Event-Delivery", "pending")
                    .extract().jsonPath().getString("id");
            services.forEach(service -> RestAssured.given().get(service + "/q/health/ready").then().statusCode(200));
        } finally {
            platform.stack().kafka().startAll(Duration.ofSeconds(60));
        }
        awaitInventoryStatus(id, "CREATED");
        awaitAudited(id, EventType.FUNCTION_UNIT_CREATED);
        assertThat(auditCount(id)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anEventCommittedJustBeforeACrashIsPublishedAfterTheRestartOnce() {
        platform.stack().kafka().close();
        String id;
        try {
            id = platform.asAdmin(platform.workstation()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Committed before a crash", "definition", Map.of()))
                    .post("/api/v1/function-units").then().statusCode(201)
                    .header("X-Event-Delivery", "pending")
                    .extract().jsonPath().getString("id");
            platform.platform().kill("workstation");
        } finally {
            platform.stack().kafka().startAll(Duration.ofSeconds(60));
        }
        platform.platform().restart("workstation");

        awaitInventoryStatus(id, "CREATED");
        awaitAudited(id, EventType.FUNCTION_UNIT_CREATED);
        try (TopicReader topic = new TopicReader(platform.stack().kafka().bootstrapServers(), Topics.FUNCTION_UNIT_EVENTS)) {
            await().atMost(PROPAGATION).until(() -> !created(topic, id).isEmpty());
            assertThat(created(topic, id)).as("published once").hasSize(1);
        }
        assertThat(auditCount(id)).as("applied once").isEqualTo(1);
    }

    private static List<?> created(TopicReader topic, String id) {
        return topic.matching(r -> id.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8)
                .contains("\"type\":\"" + EventType.FUNCTION_UNIT_CREATED.type() + "\""));
    }

    private static void awaitInventoryStatus(String id, String status) {
        await().atMost(PROPAGATION).untilAsserted(() -> platform.asAdmin(platform.adminCenter())
                .get("/api/v1/function-units").then().statusCode(200)
                .body("find { it.functionUnitId == '" + id + "' }.status", equalTo(status)));
    }

    private static void awaitVersionStatus(String id, String status) {
        await().atMost(PROPAGATION).untilAsserted(() -> platform.asAdmin(platform.workstation())
                .get("/api/v1/function-units/" + id).then().statusCode(200)
                .body("versions[0].deploymentStatus", equalTo(status)));
    }

    private static void awaitAudited(String id, EventType type) {
        await().atMost(PROPAGATION).untilAsserted(() -> platform.asAdmin(platform.adminCenter())
                .queryParam("subject", id).queryParam("type", type.type())
                .get("/api/v1/audit-events").then().statusCode(200).body("total", equalTo(1)));
    }

    private static int auditCount(String id) {
        JsonPath page = platform.asAdmin(platform.adminCenter()).queryParam("subject", id)
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
        return page.getInt("total");
    }
}
