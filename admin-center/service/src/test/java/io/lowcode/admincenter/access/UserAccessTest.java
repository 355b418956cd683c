package io.lowcode.admincenter.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Accounts, roles, permissions and logins against the real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class UserAccessTest {

    private static final String ADMIN = "admin-ines";
    private static final Duration EVENT_WAIT = Duration.ofSeconds(20);
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
    void creatingAUserStoresAHashEmitsAccountCreatedAndIsAudited() {
        String username = "ada-" + suffix();
        Response created = asAdmin().contentType(ContentType.JSON).header("X-Correlation-Id", "corr-" + username)
                .body(newUser(username, List.of(Roles.USER, Roles.DEVELOPER)))
                .post("/api/v1/users");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/users/"))
                .header("X-Event-Delivery", "published")
                .body("username", equalTo(username))
                .body("status", equalTo("ACTIVE"))
                .body("roles", equalTo(List.of(Roles.DEVELOPER, Roles.USER)))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("password")));
        String userId = created.jsonPath().getString("id");

        EventEnvelope<?> event = awaitEvent(userId, EventType.USER_ACCOUNT_CREATED);
        UserAccountCreated payload = (UserAccountCreated) event.payload();
        assertThat(payload.username()).isEqualTo(username);
        assertThat(payload.roles()).containsExactly(Roles.DEVELOPER, Roles.USER);
        assertThat(event.userid()).isEqualTo(ADMIN);
        assertThat(event.correlationid()).isEqualTo("corr-" + username);
        assertThat(rawEvents(userId)).noneMatch(json -> json.contains("secret-password"));

        asAdmin().get(created.header("Location")).then().statusCode(200).body("email", equalTo(username + "@example.com"));
        assertThat(audit(userId).getList("items.eventType")).containsExactly("user.account-created");
        assertThat(audit(userId).getList("items.actor")).containsExactly(ADMIN);
    }

    @Test
    void grantRevokeAndRoleChangesAreEventsKeyedByUserInOrderAndAudited() {
        String userId = createUser("bob-" + suffix(), List.of());
        String unit = UUID.randomUUID().toString();
        asAdmin().contentType(ContentType.JSON).body(Map.of("permission", "function-unit:" + unit + ":execute"))
                .post("/api/v1/users/{id}/permissions", userId).then().statusCode(201)
                .body("permission", equalTo("function-unit:" + unit + ":execute"))
                .body("grantedBy", equalTo(ADMIN));
        asAdmin().get("/api/v1/users/{id}", userId).then().statusCode(200)
                .body("permissions", equalTo(List.of("function-unit:" + unit + ":execute")));
        asAdmin().delete("/api/v1/users/{id}/permissions/{p}", userId, "function-unit:" + unit + ":execute")
                .then().statusCode(204);
        asAdmin().contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.USER, Roles.POWER_USER)))
                .put("/api/v1/users/{id}/roles", userId).then().statusCode(200)
                .body("roles", equalTo(List.of(Roles.POWER_USER, Roles.USER)));

        await().atMost(EVENT_WAIT).until(() -> events(userId).size() == 4);
        List<EventEnvelope<?>> events = events(userId);
        assertThat(events).extracting(e -> e.type()).containsExactly(EventType.USER_ACCOUNT_CREATED,
                EventType.PERMISSION_GRANTED, EventType.PERMISSION_REVOKED, EventType.ROLE_ASSIGNED);
        assertThat(((PermissionGranted) events.get(1).payload()).permission()).isEqualTo("function-unit:" + unit + ":execute");
        assertThat(((PermissionRevoked) events.get(2).payload()).revokedBy()).isEqualTo(ADMIN);
        RoleAssigned assigned = (RoleAssigned) events.get(3).payload();
        assertThat(assigned.roles()).containsExactly(Roles.POWER_USER, Roles.USER);
        assertThat(assigned.previousRoles()).containsExactly(Roles.USER);
        assertThat(audit(userId).getList("items.eventType")).containsExactly("role.assigned", "permission.revoked",
                "permission.granted", "user.account-created");
    }

    @Test
    void clientMistakesAnswerProblemJson() {
        String userId = createUser("cleo-" + suffix(), List.of());
        String taken = asAdmin().get("/api/v1/users/{id}", userId).jsonPath().getString("username");
        asAdmin().contentType(ContentType.JSON).body(newUser(taken, List.of())).post("/api/v1/users")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:username-taken"));
        asAdmin().contentType(ContentType.JSON).body(newUser("dan-" + suffix(), List.of("root")))
                .post("/api/v1/users").then().statusCode(404).body("detail", containsString("role 'root'"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", "X", "email", "nope", "password", "short"))
                .post("/api/v1/users").then().statusCode(400)
                .body("errors.field", hasItem("username")).body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("password"));
        asAdmin().get("/api/v1/users/{id}", UUID.randomUUID()).then().statusCode(404);
        asAdmin().get("/api/v1/users/{id}", "not-a-uuid").then().statusCode(404);
        for (String malformed : List.of("function-unit", "function-unit:*:Execute", "a:b:c:d", "")) {
            asAdmin().contentType(ContentType.JSON).body(Map.of("permission", malformed))
                    .post("/api/v1/users/{id}/permissions", userId).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("permission"));
        }
        asAdmin().contentType(ContentType.JSON).body(Map.of("permission", "function-unit:*:execute"))
                .post("/api/v1/users/{id}/permissions", UUID.randomUUID()).then().statusCode(404);
        asAdmin().contentType(ContentType.JSON).body(Map.of("permission", "function-unit:*:execute"))
                .post("/api/v1/users/{id}/permissions", userId).then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(Map.of("permission", "function-unit:*:execute"))
                .post("/api/v1/users/{id}/permissions", userId).then().statusCode(409)
                .body("type", equalTo("urn:lowcode:problem:already-granted"));
        asAdmin().delete("/api/v1/users/{id}/permissions/{p}", userId, "function-unit:42:execute").then().statusCode(404);
        asAdmin().delete("/api/v1/users/{id}/permissions/{p}", userId, "bad").then().statusCode(400);
        asAdmin().contentType(ContentType.JSON).body(Map.of("roles", List.of("user", "wizard")))
                .put("/api/v1/users/{id}/roles", userId).then().statusCode(404).body("detail", containsString("wizard"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.USER)))
                .put("/api/v1/users/{id}/roles", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void onlyAdminsManageUsers() {
        for (String role : List.of(Roles.USER, Roles.DEVELOPER, Roles.OPS)) {
            Authorized.as(role).get("/api/v1/users").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("urn:lowcode:problem:forbidden"));
        }
        given().get("/api/v1/users").then().statusCode(401);
        asAdmin().get("/api/v1/roles").then().statusCode(200)
                .body("find { it.role == 'power-user' }.permissions", equalTo(List.of("function-unit:*:execute")))
                .body("role", hasItem(Roles.OPS));
    }

    @Test
    void aUserLogsInAndTheTokenCarriesTheirIdAndRoles() {
        String username = "erin-" + suffix();
        String userId = createUser(username, List.of(Roles.USER, Roles.DEVELOPER));
        JsonPath token = login(username.toUpperCase(), "secret-password-1").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900))
                .extract().jsonPath();
        Map<?, ?> claims = claims(token.getString("access_token"));
        assertThat(claims.get("sub")).isEqualTo(userId);
        assertThat(claims.get("upn")).isEqualTo(username);
        assertThat(groups(claims)).containsExactlyInAnyOrder(Roles.USER, Roles.DEVELOPER);
        given().header("Authorization", "Bearer " + token.getString("access_token")).get("/api/v1/about")
                .then().statusCode(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        String username = "fay-" + suffix();
        createUser(username, List.of());
        String wrongPassword = login(username, "not-the-password").then().statusCode(401)
                .contentType("application/problem+json").extract().jsonPath().getString("detail");
        String unknownUser = login("nobody-" + suffix(), "secret-password-1").then().statusCode(401)
                .extract().jsonPath().getString("detail");
        assertThat(wrongPassword).isEqualTo(unknownUser).isEqualTo("wrong username or password");
        login(username, "").then().statusCode(400);
    }

    @Test
    void repeatedFailedLoginsAreThrottledEvenWithTheRightPassword() {
        String username = "gus-" + suffix();
        createUser(username, List.of());
        for (int i = 0; i < 5; i++) {
            login(username, "guess-" + i).then().statusCode(401);
        }
        login(username, "secret-password-1").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:lowcode:problem:too-many-requests"));
        String other = "hal-" + suffix();
        createUser(other, List.of());
        login(other, "secret-password-1").then().statusCode(200);
    }

    @Test
    void theBootstrapAdminFromConfigurationCanLogInAndManageUsers() {
        await().atMost(EVENT_WAIT).untilAsserted(() -> login("root-admin", "root-admin-password-for-tests")
                .then().statusCode(200));
        String token = login("root-admin", "root-admin-password-for-tests").jsonPath().getString("access_token");
        assertThat(groups(claims(token))).contains(Roles.ADMIN, Roles.OPS, Roles.DEVELOPER, Roles.USER);
        given().header("Authorization", "Bearer " + token).get("/api/v1/users").then().statusCode(200)
                .body("username", hasItem("root-admin"));
    }

    private static String createUser(String username, List<String> roles) {
        return asAdmin().contentType(ContentType.JSON).body(newUser(username, roles)).post("/api/v1/users")
                .then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static Map<String, Object> newUser(String username, List<String> roles) {
        return Map.of("username", username, "displayName", "Test " + username, "email", username + "@example.com",
                "password", "secret-password-1", "roles", roles);
    }

    private static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token");
    }

    private static Map<?, ?> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getMap("$");
    }

    @SuppressWarnings("unchecked")
    private static List<String> groups(Map<?, ?> claims) {
        return (List<String>) claims.get("groups");
    }

    private static JsonPath audit(String userId) {
        return asAdmin().queryParam("subject", userId).get("/api/v1/audit-events").then().statusCode(200)
                .extract().jsonPath();
    }

    private static EventEnvelope<?> awaitEvent(String userId, EventType type) {
        await().atMost(EVENT_WAIT).until(() -> events(userId).stream().anyMatch(e -> e.type() == type));
        return events(userId).stream().filter(e -> e.type() == type).findFirst().orElseThrow();
    }

    private static List<EventEnvelope<?>> events(String userId) {
        return topic.matching(r -> userId.equals(r.key())).stream()
                .<EventEnvelope<?>>map(r -> EventCodec.shared().deserialize(r.value())).toList();
    }

    private static List<String> rawEvents(String userId) {
        return topic.matching(r -> userId.equals(r.key())).stream()
                .map(ConsumerRecord::value).map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    private static RequestSpecification asAdmin() {
        return Authorized.asUser(ADMIN, Roles.ADMIN);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
