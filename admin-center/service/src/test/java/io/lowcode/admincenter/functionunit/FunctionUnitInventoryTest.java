package io.lowcode.admincenter.functionunit;

import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.ago;
import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.created;
import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.newUnitId;
import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.api.AdminCenterClient;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.localstack.testing.Authorized;
import io.restassured.specification.RequestSpecification;
import io.lowcode.admincenter.api.AuditEvent;
import io.lowcode.admincenter.api.AuditEventPage;
import io.lowcode.admincenter.api.Deployment;
import io.lowcode.admincenter.api.DeploymentRequest;
import io.lowcode.admincenter.api.FunctionUnitStatus;
import io.lowcode.admincenter.api.PendingDeployment;
import io.lowcode.admincenter.api.Retirement;
import io.lowcode.admincenter.api.RetirementRequest;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The admin center's part of the function-unit lifecycle against the real Kafka and PostgreSQL: the workstation's
 * events fill the inventory and the audit log and notify admins; admins deploy and retire over REST, which emits
 * the admin center's own events.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class FunctionUnitInventoryTest {

    private static final String ADMIN = "admin-grace";

    @Inject
    EventCodec codec;

    @Test
    void createdAndPublishedUnitIsInventoriedPendingAuditedAndAdminsAreNotified() {
        String unitId = newUnitId();
        EventEnvelope<FunctionUnitCreated> created = created(unitId, "Invoice approval " + unitId);
        EventEnvelope<FunctionUnitPublished> published = published(unitId, "Invoice approval " + unitId, "1.0.0");

        produce(created);
        produce(published);

        await().atMost(TestKafka.WAIT).untilAsserted(() -> {
            Map<String, Object> unit = unit(unitId);
            assertThat(unit).containsEntry("status", "PUBLISHED").containsEntry("latestVersion", "1.0.0");
        });
        Map<String, Object> unit = unit(unitId);
        assertThat(unit).containsEntry("name", "Invoice approval " + unitId)
                .containsEntry("ownerId", FunctionUnitEvents.DEVELOPER)
                .containsEntry("category", "finance")
                .containsEntry("deployedVersion", null);
        assertThat(unit.get("createdAt")).isNotNull();

        List<Map<String, Object>> pending = asAdmin().get("/api/v1/deployments/pending").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.functionUnitId == '" + unitId + "' }");
        assertThat(pending).singleElement().satisfies(version -> assertThat(version)
                .containsEntry("version", "1.0.0")
                .containsEntry("name", "Invoice approval " + unitId)
                .containsEntry("changelog", "changes of 1.0.0")
                .containsEntry("contentDigest", published.payload().contentDigest()));

        JsonPath audit = asAdmin().queryParam("subject", unitId).get("/api/v1/audit-events").then().statusCode(200)
                .extract().jsonPath();
        assertThat(audit.getList("items.eventType")).containsExactly("function-unit.published", "function-unit.created");
        assertThat(audit.getList("items.eventId")).containsExactly(published.id(), created.id());
        assertThat(audit.getList("items.correlationId"))
                .containsExactly(published.correlationid(), created.correlationid());
        assertThat(audit.getList("items.source")).containsOnly("/lowcode/workstation");
        assertThat(audit.getList("items.actor")).containsOnly(FunctionUnitEvents.DEVELOPER);
        assertThat(audit.getLong("total")).isEqualTo(2);

        ConsumerRecord<String, byte[]> record = TestKafka.awaitRecords(Topics.SYSTEM_NOTIFICATION_EVENTS, 1,
                r -> notificationAbout(r, unitId)).get(0);
        EventEnvelope<?> notification = codec.deserialize(record.value());
        NotificationRequested request = notification.payloadAs(NotificationRequested.class);
        assertThat(notification.type()).isEqualTo(EventType.NOTIFICATION_REQUESTED);
        assertThat(notification.source()).isEqualTo("/lowcode/admin-center");
        assertThat(notification.subject()).isEqualTo(request.notificationId()).isEqualTo(record.key());
        assertThat(notification.correlationid()).isEqualTo(published.correlationid());
        assertThat(request.recipients().roles()).containsExactly("admin");
        assertThat(request.template()).isEqualTo("function-unit-published");
        assertThat(request.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "functionUnitId", unitId, "name", "Invoice approval " + unitId, "version", "1.0.0"));
        assertThat(request.severity()).isEqualTo(Severity.INFO);
        assertThat(request.channels()).containsExactly(Channel.EMAIL);
    }

    @Test
    void deployedVersionIsAnnouncedAuditedAndThenRetired() {
        String unitId = givenPublishedUnit("1.0.0");

        Response deploy = asAdmin().contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .header(RequestHeaders.CORRELATION_ID, "corr-deploy-" + unitId)
                .post("/api/v1/function-units/{id}/deployments", unitId);
        deploy.then().statusCode(201)
                .header(RequestHeaders.EVENT_DELIVERY, "published")
                .header("Location", notNullValue())
                .body("functionUnitId", equalTo(unitId))
                .body("version", equalTo("1.0.0"))
                .body("environment", equalTo("production"))
                .body("deployedBy", equalTo(ADMIN))
                .body("deployedAt", notNullValue());
        String deploymentId = deploy.jsonPath().getString("deploymentId");
        asAdmin().get(deploy.header("Location")).then().statusCode(200)
                .body("deploymentId", equalTo(deploymentId)).body("version", equalTo("1.0.0"));

        EventEnvelope<?> deployed = awaitEvent(unitId, EventType.FUNCTION_UNIT_DEPLOYED);
        FunctionUnitDeployed payload = deployed.payloadAs(FunctionUnitDeployed.class);
        assertThat(payload.deploymentId()).isEqualTo(deploymentId);
        assertThat(payload.version()).isEqualTo("1.0.0");
        assertThat(payload.environment()).isEqualTo("production");
        assertThat(payload.deployedBy()).isEqualTo(ADMIN);
        assertThat(deployed.source()).isEqualTo("/lowcode/admin-center");
        assertThat(deployed.correlationid()).isEqualTo("corr-deploy-" + unitId);
        assertThat(deployed.userid()).isEqualTo(ADMIN);

        assertThat(unit(unitId)).containsEntry("status", "DEPLOYED").containsEntry("deployedVersion", "1.0.0");
        assertThat(pendingVersionsOf(unitId)).isEmpty();
        JsonPath deployAudit = asAdmin().queryParam("subject", unitId).queryParam("type", "function-unit.deployed")
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
        assertThat(deployAudit.getList("items.eventId")).containsExactly(deployed.id());
        assertThat(deployAudit.getList("items.actor")).containsExactly(ADMIN);
        assertThat(deployAudit.getList("items.source")).containsExactly("/lowcode/admin-center");

        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "replaced by the new process"))
                
                .post("/api/v1/function-units/{id}/retirement", unitId)
                .then().statusCode(200)
                .header(RequestHeaders.EVENT_DELIVERY, "published")
                .body("functionUnitId", equalTo(unitId))
                .body("version", equalTo("1.0.0"))
                .body("reason", equalTo("replaced by the new process"))
                .body("retiredAt", notNullValue());

        EventEnvelope<?> retired = awaitEvent(unitId, EventType.FUNCTION_UNIT_RETIRED);
        FunctionUnitRetired retirement = retired.payloadAs(FunctionUnitRetired.class);
        assertThat(retirement.version()).isEqualTo("1.0.0");
        assertThat(retirement.reason()).isEqualTo("replaced by the new process");
        assertThat(retirement.retiredBy()).isEqualTo(ADMIN);
        assertThat(unit(unitId)).containsEntry("status", "RETIRED").containsEntry("deployedVersion", null);
        assertThat(asAdmin().queryParam("subject", unitId).queryParam("type", "function-unit.retired")
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath().getList("items.eventId"))
                .containsExactly(retired.id());

        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/v1/function-units/{id}/retirement", unitId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:not-deployed"));
    }

    @Test
    void deployingAnotherVersionSupersedesTheDeployedOne() {
        String unitId = givenPublishedUnit("1.0.0");
        produce(published(unitId, "Unit " + unitId, "1.1.0"));
        await().atMost(TestKafka.WAIT).until(() -> pendingVersionsOf(unitId).size() == 2);

        deploy(unitId, "1.0.0").then().statusCode(201);
        deploy(unitId, "1.1.0").then().statusCode(201);

        assertThat(unit(unitId)).containsEntry("status", "DEPLOYED").containsEntry("deployedVersion", "1.1.0")
                .containsEntry("latestVersion", "1.1.0");
        deploy(unitId, "1.1.0").then().statusCode(409).body("type", equalTo("urn:lowcode:problem:already-deployed"));
        // the superseded version may go live again
        deploy(unitId, "1.0.0").then().statusCode(201);
        assertThat(unit(unitId)).containsEntry("deployedVersion", "1.0.0");
    }

    @Test
    void deployingAVersionThatWasNeverPublishedIsAConflict() {
        String unitId = givenPublishedUnit("1.0.0");

        deploy(unitId, "2.0.0").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:version-not-published"))
                .body("status", equalTo(409));
        assertThat(unit(unitId)).containsEntry("status", "PUBLISHED");
    }

    @Test
    void unknownUnitIsNotFound() {
        deploy("no-such-unit", "1.0.0").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:not-found"));
        asAdmin().contentType(ContentType.JSON).body("{}").post("/api/v1/function-units/no-such-unit/retirement")
                .then().statusCode(404).contentType("application/problem+json");
        asAdmin().get("/api/v1/function-units/no-such-unit/deployments/not-a-uuid").then().statusCode(404);
    }

    @Test
    void missingOrMalformedVersionIsABadRequestNamingVersion() {
        for (String body : List.of("{\"version\": \"  \"}", "{}", "{\"version\": \"one\"}")) {
            asAdmin().contentType(ContentType.JSON).body(body)
                    .post("/api/v1/function-units/{id}/deployments", "any-unit")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("version"));
        }
        asAdmin().contentType(ContentType.JSON)
                .post("/api/v1/function-units/{id}/deployments", "any-unit")
                .then().statusCode(400).body("errors.field", hasItem("version"));
        asAdmin().contentType(ContentType.JSON).body("{\"version\": ")
                .post("/api/v1/function-units/{id}/deployments", "any-unit")
                .then().statusCode(400).contentType("application/problem+json");
        Authorized.asUser("u".repeat(129), Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("version", "1.0.0"))
                .post("/api/v1/function-units/{id}/deployments", "any-unit")
                .then().statusCode(400).body("errors.field", hasItem("sub"));
    }

    @Test
    void typedClientDrivesTheLifecycle() {
        String unitId = givenPublishedUnit("1.0.0");
        AdminCenterClient client = RestClientBuilder.newBuilder()
                .baseUri(URI.create("http://localhost:" + RestAssured.port))
                .register((ClientRequestFilter) request -> request.getHeaders()
                        .putSingle(RequestHeaders.AUTHORIZATION, Authorized.bearer(ADMIN, Roles.ADMIN)))
                .build(AdminCenterClient.class);

        assertThat(client.functionUnits()).filteredOn(unit -> unit.functionUnitId().equals(unitId)).singleElement()
                .satisfies(unit -> {
                    assertThat(unit.status()).isEqualTo(FunctionUnitStatus.PUBLISHED);
                    assertThat(unit.createdAt()).isNotNull();
                });
        assertThat(client.pendingDeployments()).filteredOn(p -> p.functionUnitId().equals(unitId))
                .extracting(PendingDeployment::version).containsExactly("1.0.0");

        Deployment deployment = client.deploy(unitId, new DeploymentRequest("1.0.0"), null);
        assertThat(deployment.deployedBy()).isEqualTo(ADMIN);
        assertThat(client.deployment(unitId, deployment.deploymentId())).isEqualTo(deployment);
        Retirement retirement = client.retire(unitId, new RetirementRequest(null), null);
        assertThat(retirement.version()).isEqualTo("1.0.0");
        assertThat(retirement.reason()).isNull();

        AuditEventPage audit = client.auditEvents(null, unitId, null, null, 0, 10);
        assertThat(audit.items()).extracting(AuditEvent::eventType).containsExactly("function-unit.retired",
                "function-unit.deployed", "function-unit.published", "function-unit.created");
        assertThat(audit.items().get(0).actor()).isEqualTo(ADMIN);
        assertThatThrownBy(() -> client.retire(unitId, new RetirementRequest("again"), null))
                .isInstanceOfSatisfying(WebApplicationException.class,
                        e -> assertThat(e.getResponse().getStatus()).isEqualTo(409));
    }

    @Test
    void openApiDocumentsTheLifecycleEndpoints() {
        io.lowcode.localstack.testing.Management.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/function-units"))
                .body("paths", hasKey("/api/v1/deployments/pending"))
                .body("paths", hasKey("/api/v1/function-units/{functionUnitId}/deployments"))
                .body("paths", hasKey("/api/v1/function-units/{functionUnitId}/retirement"))
                .body("paths", hasKey("/api/v1/audit-events"));
    }

    @Test
    void auditLogIsPagedNewestFirstAndFilteredByTypeSubjectAndTime() {
        String unitId = newUnitId();
        Instant createdAt = ago(3, ChronoUnit.HOURS);
        Instant publishedAt = ago(2, ChronoUnit.HOURS);
        produce(created(unitId, "Unit " + unitId).withTime(createdAt));
        produce(published(unitId, "Unit " + unitId, "1.0.0").withTime(publishedAt));
        await().atMost(TestKafka.WAIT).until(() -> "PUBLISHED".equals(unit(unitId).get("status")));
        deploy(unitId, "1.0.0").then().statusCode(201);

        JsonPath first = audit(Map.of("subject", unitId, "size", "2"));
        assertThat(first.getList("items.eventType")).containsExactly("function-unit.deployed", "function-unit.published");
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(first.getLong("total")).isEqualTo(3);
        JsonPath second = audit(Map.of("subject", unitId, "size", "2", "page", "1"));
        assertThat(second.getList("items.eventType")).containsExactly("function-unit.created");
        assertThat(second.getLong("total")).isEqualTo(3);

        assertThat(audit(Map.of("subject", unitId, "type", "function-unit.published")).getList("items.eventType"))
                .containsExactly("function-unit.published");
        assertThat(audit(Map.of("subject", unitId, "from", publishedAt.toString())).getList("items.eventType"))
                .containsExactly("function-unit.deployed", "function-unit.published");
        assertThat(audit(Map.of("subject", unitId, "to", publishedAt.toString())).getList("items.eventType"))
                .containsExactly("function-unit.created");
        assertThat(audit(Map.of("subject", unitId, "from", createdAt.toString(), "to", publishedAt.plusSeconds(1).toString()))
                .getList("items.eventType")).containsExactly("function-unit.published", "function-unit.created");
        assertThat(audit(Map.of("type", "function-unit.created", "size", "200")).getList("items.eventType"))
                .containsOnly("function-unit.created");

        asAdmin().queryParam("from", "yesterday").get("/api/v1/audit-events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        asAdmin().queryParam("to", "2025-13-01T00:00:00Z").get("/api/v1/audit-events").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        for (String size : List.of("0", "201", "ten")) {
            asAdmin().queryParam("size", size).get("/api/v1/audit-events").then().statusCode(400)
                    .body("errors[0].field", equalTo("size"));
        }
        asAdmin().queryParam("page", "-1").get("/api/v1/audit-events").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    /** A unit created and published through Kafka, as the workstation does it, once the inventory shows it. */
    private String givenPublishedUnit(String version) {
        String unitId = newUnitId();
        produce(created(unitId, "Unit " + unitId));
        produce(published(unitId, "Unit " + unitId, version));
        await().atMost(TestKafka.WAIT).until(() -> "PUBLISHED".equals(unit(unitId).get("status")));
        return unitId;
    }

    private void produce(EventEnvelope<?> event) {
        TestKafka.send(event.subject(), codec.serialize(event));
    }

    private static Response deploy(String unitId, String version) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("version", version))
                
                .post("/api/v1/function-units/{id}/deployments", unitId);
    }

    /** The unit's entry in the inventory, empty while there is none. */
    private static Map<String, Object> unit(String unitId) {
        Map<String, Object> unit = asAdmin().get("/api/v1/function-units").then().statusCode(200).extract().jsonPath()
                .getMap("find { it.functionUnitId == '" + unitId + "' }");
        return unit == null ? Map.of() : unit;
    }

    private static List<String> pendingVersionsOf(String unitId) {
        return asAdmin().get("/api/v1/deployments/pending").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.functionUnitId == '" + unitId + "' }.version");
    }

    private static JsonPath audit(Map<String, String> query) {
        return asAdmin().queryParams(query).get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
    }

    private EventEnvelope<?> awaitEvent(String unitId, EventType type) {
        ConsumerRecord<String, byte[]> record = TestKafka.awaitRecords(Topics.FUNCTION_UNIT_EVENTS, 1,
                r -> unitId.equals(r.key()) && codec.deserialize(r.value()).type() == type).get(0);
        return codec.deserialize(record.value());
    }

    private boolean notificationAbout(ConsumerRecord<String, byte[]> record, String unitId) {
        EventEnvelope<?> event = codec.deserialize(record.value());
        return event.type() == EventType.NOTIFICATION_REQUESTED
                && unitId.equals(event.payloadAs(NotificationRequested.class).parameters().get("functionUnitId"));
    }

    private static RequestSpecification asAdmin() {
        return Authorized.asUser(ADMIN, Roles.ADMIN);
    }
}
