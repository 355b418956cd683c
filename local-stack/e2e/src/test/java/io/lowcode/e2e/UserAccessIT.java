package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.restassured.http.ContentType;

/**
 * Seed §2.3.2 on the packaged platform: an admin creates an account, grants, revokes and changes roles in the
 * admin center; the portal follows through user-permission-events, and the audit trail records each step.
 */
class UserAccessIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    private static RunningPlatform platform;
    private static String unit;

    @BeforeAll
    static void aDeployedFunctionUnit() {
        platform = RunningPlatform.shared();
        unit = platform.asAdmin(platform.workstation()).contentType(ContentType.JSON)
                .body(Map.of("name", "Approve leave", "definition", Map.of("steps", List.of())))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
        platform.asAdmin(platform.workstation()).contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + unit + "/versions").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> platform.asAdmin(platform.adminCenter())
                .contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/" + unit + "/deployments").then().statusCode(201));
    }

    @Test
    void anAccountGrantsRevocationsAndRoleChangesReachThePortalAndAreAudited() {
        // 1. created in the admin center → active in the portal at once, with a personal space; audited
        RunningPlatform.User carol = platform.newUser("e2e-carol", List.of(Roles.USER));
        await().atMost(PROPAGATION).untilAsserted(() -> portal(carol).get("/api/v1/me").then().statusCode(200)
                .body("username", equalTo("e2e-carol"))
                .body("status", equalTo("ACTIVE"))
                .body("personalSpaceId", notNullValue()));
        assertThat(functions(carol)).isEmpty();
        portal(carol).get("/api/v1/functions/" + unit).then().statusCode(403)
                .body("permission", equalTo("function-unit:" + unit + ":execute"));

        // 2. granted → the portal lets the user use that function
        String permission = "function-unit:" + unit + ":execute";
        admin().contentType(ContentType.JSON).body(Map.of("permission", permission))
                .post("/api/v1/users/" + carol.id() + "/permissions").then().statusCode(201);
        await().atMost(PROPAGATION).untilAsserted(() -> portal(carol).get("/api/v1/functions/" + unit).then()
                .statusCode(200).body("version", equalTo("1.0.0")));
        assertThat(functions(carol)).containsExactly(unit);

        // 3. revoked → the next request for it is denied
        admin().delete("/api/v1/users/" + carol.id() + "/permissions/" + permission).then().statusCode(204);
        await().atMost(PROPAGATION).untilAsserted(() -> portal(carol).get("/api/v1/functions/" + unit).then()
                .statusCode(403));
        assertThat(functions(carol)).isEmpty();

        // 4. roles changed → effective permissions recomputed: power-user runs every function, then no longer
        admin().contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.USER, Roles.POWER_USER)))
                .put("/api/v1/users/" + carol.id() + "/roles").then().statusCode(200);
        await().atMost(PROPAGATION).untilAsserted(() -> portal(carol).get("/api/v1/functions/" + unit).then()
                .statusCode(200));
        portal(carol).get("/api/v1/me").then().body("roles", hasItem(Roles.POWER_USER))
                .body("permissions", equalTo(List.of("function-unit:*:execute")));
        admin().contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.USER)))
                .put("/api/v1/users/" + carol.id() + "/roles").then().statusCode(200);
        await().atMost(PROPAGATION).untilAsserted(() -> portal(carol).get("/api/v1/functions/" + unit).then()
                .statusCode(403));

        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(admin().queryParam("subject", carol.id())
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath().getList("items.eventType"))
                .containsExactly("role.assigned", "role.assigned", "permission.revoked", "permission.granted",
                        "user.account-created"));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return platform.asAdmin(platform.adminCenter());
    }

    private static io.restassured.specification.RequestSpecification portal(RunningPlatform.User user) {
        return RunningPlatform.as(user.token(), platform.portal());
    }

    private static List<String> functions(RunningPlatform.User user) {
        return portal(user).get("/api/v1/functions").then().statusCode(200).extract().jsonPath()
                .getList("functionUnitId", String.class);
    }
}
