package io.lowcode.admincenter.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.payload.UserAccountStatusChanged;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Accounts cannot be taken over through stale tokens: every request acts with the caller's current roles and status,
 * a disabled account and tokens from before a password change are refused at once, and no admin can strip their own
 * admin role.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AccountSafetyTest {

    private static final String PASSWORD = "secret-password-1";
    private static TopicReader topic;

    @BeforeAll
    static void readTopic() {
        topic = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(), Topics.USER_PERMISSION_EVENTS);
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    @Test
    void aDemotedAdminsLiveTokenCannotReGrantItself() {
        String username = "dana-" + suffix();
        String id = create(username, List.of(Roles.ADMIN, Roles.USER));
        String token = login(username, PASSWORD);
        as(token).get("/api/v1/users").then().statusCode(200);

        asAdmin().contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.USER)))
                .put("/api/v1/users/{id}/roles", id).then().statusCode(200);

        // the token still says admin; the admin center reads the current roles
        assertThat(claims(token).getList("groups")).contains(Roles.ADMIN);
        as(token).contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.ADMIN, Roles.USER)))
                .put("/api/v1/users/{id}/roles", id).then().statusCode(403)
                .body("type", equalTo("urn:lowcode:problem:forbidden"));
        as(token).get("/api/v1/users").then().statusCode(403);
        asAdmin().get("/api/v1/users/{id}", id).then().body("roles", equalTo(List.of(Roles.USER)));
    }

    @Test
    void anAdminCannotDropTheirOwnAdminRole() {
        String username = "olga-" + suffix();
        String id = create(username, List.of(Roles.ADMIN, Roles.USER));
        as(login(username, PASSWORD)).contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.USER)))
                .put("/api/v1/users/{id}/roles", id).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:lowcode:problem:own-admin-role"));
        as(login(username, PASSWORD)).contentType(ContentType.JSON).body(Map.of("status", "DISABLED"))
                .put("/api/v1/users/{id}/status", id).then().statusCode(409);
        asAdmin().get("/api/v1/users/{id}", id).then().body("roles", equalTo(List.of(Roles.ADMIN, Roles.USER)))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void aDisabledAccountCannotLogInAndItsTokenIsRefusedAtOnce() {
        String username = "vic-" + suffix();
        String id = create(username, List.of(Roles.ADMIN, Roles.USER));
        String token = login(username, PASSWORD);
        as(token).get("/api/v1/about").then().statusCode(200);

        asAdmin().contentType(ContentType.JSON).body(Map.of("status", "DISABLED", "reason", "left"))
                .put("/api/v1/users/{id}/status", id).then().statusCode(200).body("status", equalTo("DISABLED"));
        as(token).get("/api/v1/about").then().statusCode(401)
                .body("type", equalTo("urn:lowcode:problem:unauthenticated"));
        loginAttempt(username, PASSWORD).then().statusCode(401);
        await().atMost(Duration.ofSeconds(20)).until(() -> topic.matching(r -> id.equals(r.key())).stream()
                .map(r -> EventCodec.shared().deserialize(r.value()))
                .anyMatch(e -> e.type() == EventType.USER_ACCOUNT_STATUS_CHANGED
                        && ((UserAccountStatusChanged) e.payload()).status().equals("DISABLED")));

        asAdmin().contentType(ContentType.JSON).body(Map.of("status", "ACTIVE"))
                .put("/api/v1/users/{id}/status", id).then().statusCode(200);
        as(login(username, PASSWORD)).get("/api/v1/about").then().statusCode(200);
    }

    @Test
    void aPasswordChangeOrResetRefusesTheTokensIssuedBefore() {
        String username = "pia-" + suffix();
        String id = create(username, List.of(Roles.USER));
        String before = login(username, PASSWORD);
        as(before).contentType(ContentType.JSON).body(Map.of("currentPassword", "wrong-password-x",
                "newPassword", "another-password-2")).put("/api/v1/me/password").then().statusCode(403)
                .body("type", equalTo("urn:lowcode:problem:wrong-password"));
        as(before).contentType(ContentType.JSON).body(Map.of("currentPassword", PASSWORD,
                "newPassword", "another-password-2")).put("/api/v1/me/password").then().statusCode(204);
        as(before).get("/api/v1/about").then().statusCode(401);
        loginAttempt(username, PASSWORD).then().statusCode(401);
        String after = login(username, "another-password-2");
        as(after).get("/api/v1/about").then().statusCode(200);

        asAdmin().contentType(ContentType.JSON).body(Map.of("password", "reset-by-admin-3"))
                .put("/api/v1/users/{id}/password", id).then().statusCode(204);
        as(after).get("/api/v1/about").then().statusCode(401);
        as(login(username, "reset-by-admin-3")).get("/api/v1/about").then().statusCode(200);
        asAdmin().queryParam("subject", id).get("/api/v1/audit-events").then().statusCode(200)
                .body("items.eventType", org.hamcrest.Matchers.hasItems("user.password-changed", "user.password-reset"));
    }

    @Test
    void tokensCarryTheAudienceAndATokenId() {
        String username = "tia-" + suffix();
        create(username, List.of(Roles.USER));
        JsonPath claims = claims(login(username, PASSWORD));
        assertThat(claims.getString("aud")).isEqualTo("lowcode-platform");
        assertThat(claims.getString("jti")).hasSize(36);
        assertThat(claims.getString("sid")).hasSize(36);
    }

    private static String create(String username, List<String> roles) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("username", username, "email", username
                        + "@example.com", "password", PASSWORD, "roles", roles))
                .post("/api/v1/users").then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static io.restassured.response.Response loginAttempt(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token");
    }

    private static String login(String username, String password) {
        return loginAttempt(username, password).then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private static JsonPath claims(String jwt) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification asAdmin() {
        return Authorized.asUser("admin-safety", Roles.ADMIN);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
