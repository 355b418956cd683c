package io.lowcode.portal.function;

import static io.lowcode.portal.function.FunctionUnitEvents.deployed;
import static io.lowcode.portal.function.FunctionUnitEvents.inboxRows;
import static io.lowcode.portal.function.FunctionUnitEvents.retired;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.portal.access.AccessEvents;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Status;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.portal.api.AvailableFunction;
import io.lowcode.portal.api.AvailableFunctionDetails;
import io.lowcode.portal.api.PortalClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The available-function list follows the deployments and retirements admin-center announces. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AvailableFunctionsTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);

    private FunctionUnitEvents events;
    private PortalClient portal;

    @BeforeEach
    void connect() {
        events = new FunctionUnitEvents();
        String bearer = Authorized.bearer(AccessEvents.powerUser().toString(), Roles.USER);
        portal = RestClientBuilder.newBuilder()
                .baseUri(URI.create("http://localhost:" + RestAssured.port))
                .register((jakarta.ws.rs.client.ClientRequestFilter) request ->
                        request.getHeaders().putSingle("Authorization", bearer))
                .build(PortalClient.class);
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void deployedFunctionIsListedAndAvailableById() {
        UUID id = UUID.randomUUID();
        EventEnvelope<FunctionUnitDeployed> deployment = deployed(id, "invoice-approval", "1.0.0");
        events.send(deployment);

        await().atMost(APPLIED).untilAsserted(() -> assertThat(listed(id)).isNotNull());
        assertThat(listed(id)).isEqualTo(new AvailableFunction(id, "invoice-approval", "1.0.0", deployment.time()));
        FunctionUnitDeployed payload = deployment.payload();
        assertThat(portal.function(id)).isEqualTo(new AvailableFunctionDetails(id, "invoice-approval", "1.0.0",
                "production", payload.deploymentId(), deployment.time(), "admin-1"));
        AccessEvents.asPowerUser().get("/api/v1/functions/{id}", id).then()
                .statusCode(200)
                .contentType("application/json")
                .body("functionUnitId", equalTo(id.toString()))
                .body("version", equalTo("1.0.0"));
    }

    @Test
    void laterDeploymentReplacesTheVersionAndOnlyRetiringTheAvailableVersionRemovesIt() {
        UUID id = UUID.randomUUID();
        events.send(deployed(id, "leave-request", "1.0.0"));
        await().atMost(APPLIED).until(() -> version(id), equalTo("1.0.0"));

        EventEnvelope<FunctionUnitDeployed> second = deployed(id, "leave-request", "2.0.0");
        events.send(second);
        await().atMost(APPLIED).until(() -> version(id), equalTo("2.0.0"));
        assertThat(portal.function(id).deployedAt()).isEqualTo(second.time());
        assertThat(portal.functions()).filteredOn(f -> f.functionUnitId().equals(id)).hasSize(1);

        EventEnvelope<FunctionUnitRetired> retireReplaced = retired(id, "leave-request", "1.0.0");
        events.send(retireReplaced);
        await().atMost(APPLIED).until(() -> inboxRows(retireReplaced.id()) == 1);
        assertThat(version(id)).as("retiring the replaced 1.0.0 keeps 2.0.0").isEqualTo("2.0.0");

        events.send(retired(id, "leave-request", "2.0.0"));
        await().atMost(APPLIED).untilAsserted(() -> assertNotAvailable(id.toString()));
        assertThat(listed(id)).isNull();
    }

    @Test
    void staleDeploymentDoesNotReplaceALaterOne() {
        UUID id = UUID.randomUUID();
        EventEnvelope<FunctionUnitDeployed> current = deployed(id, "travel-booking", "2.0.0");
        events.send(current);
        await().atMost(APPLIED).until(() -> version(id), equalTo("2.0.0"));

        // e.g. an earlier deployment replayed from the dead-letter topic after the later one was applied
        EventEnvelope<FunctionUnitDeployed> stale = deployed(id, "travel-booking", "1.0.0")
                .withTime(current.time().minusSeconds(60));
        events.send(stale);
        await().atMost(APPLIED).until(() -> inboxRows(stale.id()) == 1);
        assertThat(portal.function(id).version()).isEqualTo("2.0.0");
    }

    @Test
    void retiringAFunctionThatIsNotAvailableChangesNothing() {
        UUID id = UUID.randomUUID();
        EventEnvelope<FunctionUnitRetired> retirement = retired(id, "never-deployed", "1.0.0");
        events.send(retirement);

        await().atMost(APPLIED).until(() -> inboxRows(retirement.id()) == 1);
        assertNotAvailable(id.toString());
    }

    @Test
    void failedDeploymentDoesNotMakeTheFunctionAvailable() {
        UUID id = UUID.randomUUID();
        EventEnvelope<FunctionUnitDeployed> failed = deployed(id, "broken-import", "1.0.0").withStatus(Status.FAILED);
        events.send(failed);

        await().atMost(APPLIED).until(() -> inboxRows(failed.id()) == 1);
        assertNotAvailable(id.toString());
    }

    @Test
    void functionsAreListedByName() {
        UUID zulu = UUID.randomUUID();
        UUID alpha = UUID.randomUUID();
        String suffix = zulu.toString().substring(0, 8);
        events.send(deployed(zulu, "zulu-report-" + suffix, "1.0.0"));
        events.send(deployed(alpha, "alpha-report-" + suffix, "1.0.0"));

        await().atMost(APPLIED).untilAsserted(() -> assertThat(portal.functions())
                .map(AvailableFunction::functionUnitId)
                .filteredOn(id -> id.equals(zulu) || id.equals(alpha))
                .containsExactly(alpha, zulu));
    }

    @Test
    void unknownFunctionAnswersNotFoundProblem() {
        assertNotAvailable(UUID.randomUUID().toString());
    }

    @Test
    void idThatIsNotAUuidAnswersNotFoundProblem() {
        assertNotAvailable("not-a-uuid");
        assertNotAvailable("12345");
    }

    @Test
    void functionsAreDocumentedInOpenApi() {
        io.lowcode.localstack.testing.Management.management().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths", hasKey("/api/v1/functions"))
                .body("paths", hasKey("/api/v1/functions/{id}"));
    }

    private AvailableFunction listed(UUID id) {
        List<AvailableFunction> all = portal.functions();
        return all.stream().filter(f -> f.functionUnitId().equals(id)).findFirst().orElse(null);
    }

    /** The version GET /functions/{id} answers, or null while it answers 404. */
    private static String version(UUID id) {
        var response = AccessEvents.asPowerUser().get("/api/v1/functions/{id}", id);
        return response.statusCode() == 200 ? response.jsonPath().getString("version") : null;
    }

    private static void assertNotAvailable(String id) {
        AccessEvents.asPowerUser().get("/api/v1/functions/{id}", id).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:lowcode:problem:not-found"))
                .body("instance", equalTo("/api/v1/functions/" + id));
    }
}
