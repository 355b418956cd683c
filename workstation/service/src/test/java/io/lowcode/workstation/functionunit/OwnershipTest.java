package io.lowcode.workstation.functionunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.payload.UserAccountStatusChanged;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Only a unit's owner and its collaborators edit or publish it, every change is attributed and audited, step names are
 * checked when a version is published, and the workstation acts with a developer's current roles and status as
 * user-permission-events tell them.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OwnershipTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);

    private static RequestSpecification as(String userId) {
        return Authorized.asUser(userId, Roles.DEVELOPER).contentType(ContentType.JSON);
    }

    private static String createUnitAs(String owner) {
        return as(owner).body(Map.of("name", "owned", "definition", Map.of("steps", List.of())))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
    }

    @Test
    void anotherDeveloperCanNeitherEditNorPublishNorShareSomeoneElsesUnit() {
        String unit = createUnitAs("dev-owner");
        as("dev-mallory").body(Map.of("definition", Map.of("steps", List.of(Map.of("name", "x", "kind", "http",
                        "url", "https://attacker.example/steal")))))
                .put("/api/v1/function-units/" + unit).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:lowcode:problem:not-owner"));
        as("dev-mallory").body(Map.of("version", "6.6.6")).post("/api/v1/function-units/" + unit + "/versions")
                .then().statusCode(403);
        as("dev-mallory").body(Map.of("userIds", List.of("dev-mallory")))
                .put("/api/v1/function-units/" + unit + "/collaborators").then().statusCode(403);
        as("dev-owner").get("/api/v1/function-units/" + unit).then().statusCode(200)
                .body("definition.steps", equalTo(List.of())).body("versions", equalTo(List.of()));
    }

    @Test
    void aCollaboratorEditsAndEveryChangeIsAttributedAndAudited() {
        String unit = createUnitAs("dev-lead");
        as("dev-lead").body(Map.of("userIds", List.of("dev-helper"))).put("/api/v1/function-units/" + unit
                + "/collaborators").then().statusCode(200).body("collaborators", equalTo(List.of("dev-helper")));
        as("dev-helper").header("X-Correlation-Id", "edit-42")
                .body(Map.of("definition", Map.of("steps", List.of(Map.of("name", "a", "kind", "transform",
                        "set", Map.of())))))
                .put("/api/v1/function-units/" + unit).then().statusCode(200).body("updatedBy", equalTo("dev-helper"));
        as("dev-helper").body(Map.of("version", "1.0.0")).post("/api/v1/function-units/" + unit + "/versions")
                .then().statusCode(201);
        JsonPath edits = as("dev-lead").get("/api/v1/function-units/" + unit + "/edits").then().statusCode(200)
                .extract().jsonPath();
        assertThat(edits.getList("action")).containsExactly("published 1.0.0", "edited", "collaborators", "created");
        assertThat(edits.getList("by")).containsExactly("dev-helper", "dev-helper", "dev-lead", "dev-lead");
        assertThat(edits.getString("[1].correlationId")).isEqualTo("edit-42");
        assertThat(edits.getString("[1].draftDigest")).matches("[0-9a-f]{64}");
    }

    @Test
    void publishingRefusesStepNamesThatWouldNotFitAnEvent() {
        String unit = createUnitAs("dev-names");
        as("dev-names").body(Map.of("definition", Map.of("steps", List.of(Map.of("name", "n".repeat(5000),
                "kind", "transform", "set", Map.of()))))).put("/api/v1/function-units/" + unit).then().statusCode(200);
        as("dev-names").body(Map.of("version", "1.0.0")).post("/api/v1/function-units/" + unit + "/versions")
                .then().statusCode(400).body("errors[0].field", equalTo("definition/steps/0/name"));
    }

    @Test
    void aDeveloperWhoseRoleWasTakenOrWhoseAccountWasDisabledIsRefusedWithALiveToken() {
        String userId = UUID.randomUUID().toString();
        String unit;
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers())) {
            sender.send(admin(EventEnvelope.of(EventType.USER_ACCOUNT_CREATED, userId, new UserAccountCreated(userId,
                    "dev-" + userId.substring(0, 6), null, "d@example.com", List.of(Roles.DEVELOPER)))));
            await().atMost(APPLIED).untilAsserted(() -> as(userId).get("/api/v1/function-units").then().statusCode(200));
            unit = createUnitAs(userId);

            sender.send(admin(EventEnvelope.of(EventType.ROLE_ASSIGNED, userId, new RoleAssigned(userId,
                    List.of(Roles.USER), List.of(Roles.DEVELOPER), "admin-1"))));
            // the token still says developer; the workstation uses the role the user has now
            await().atMost(APPLIED).untilAsserted(() -> as(userId).body(Map.of("definition", Map.of()))
                    .put("/api/v1/function-units/" + unit).then().statusCode(403)
                    .body("type", equalTo("urn:lowcode:problem:forbidden")));

            sender.send(admin(EventEnvelope.of(EventType.ROLE_ASSIGNED, userId, new RoleAssigned(userId,
                    List.of(Roles.DEVELOPER), List.of(Roles.USER), "admin-1"))));
            sender.send(admin(EventEnvelope.of(EventType.USER_ACCOUNT_STATUS_CHANGED, userId,
                    new UserAccountStatusChanged(userId, UserAccountStatusChanged.DISABLED, "admin-1", "left"))));
            await().atMost(APPLIED).untilAsserted(() -> as(userId).get("/api/v1/function-units").then()
                    .statusCode(401));
        }
    }

    private static <P extends io.lowcode.eventschema.payload.EventPayload> EventEnvelope<P> admin(
            EventEnvelope<P> event) {
        return event.withSource(SourceModule.ADMIN_CENTER).withCorrelationId(UUID.randomUUID().toString());
    }
}
