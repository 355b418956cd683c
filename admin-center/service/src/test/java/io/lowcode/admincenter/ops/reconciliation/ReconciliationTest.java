package io.lowcode.admincenter.ops.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.client.ClientRequestFilter;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.admincenter.api.AdminCenterClient;
import io.lowcode.admincenter.api.ReconciliationDrift;
import io.lowcode.admincenter.api.ReconciliationReport;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Operation;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.TopicReader;
import io.lowcode.portal.api.ReadModelAccount;
import io.lowcode.portal.api.ReadModelFunction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Reconciliation against a portal played by {@link PortalPeer}: the portal's read models are compared with the admin
 * center's users, grants and deployments; a difference seen twice is repaired through an event re-stating the current
 * state (operation RECONCILE, correlated to the run) and reported; one seen once (an event in flight) is not.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(PortalPeer.class)
class ReconciliationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPS = "ops-rita";

    @AfterEach
    void portalBackToNormal() {
        PortalPeer.release();
        PortalPeer.serve(ReconciliationTest::mirror);
    }

    @Test
    void aLostGrantAStaleGrantAndAStaleFunctionAreRepairedThroughEventsAndReported() throws Exception {
        String user = newUser("recon-" + UUID.randomUUID().toString().substring(0, 8));
        String granted = "function-unit:" + UUID.randomUUID() + ":execute";
        grant(user, granted);
        String kept = "report:*:read";
        String retiredUnit = UUID.randomUUID().toString();
        PortalPeer.serve(() -> {
            PortalPeer.State mirror = mirror();
            List<ReadModelAccount> accounts = new ArrayList<>(mirror.accounts().stream()
                    .filter(a -> !a.userId().toString().equals(user)).toList());
            ReadModelAccount real = mirror.accounts().stream().filter(a -> a.userId().toString().equals(user))
                    .findFirst().orElseThrow();
            accounts.add(new ReadModelAccount(real.userId(), "ACTIVE", real.roles(), List.of(kept)));
            List<ReadModelFunction> functions = new ArrayList<>(mirror.functions());
            functions.add(new ReadModelFunction(retiredUnit, "1.0.0", "d-1"));
            return new PortalPeer.State(accounts, functions);
        });

        ReconciliationReport report = reconcile();

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.drifts()).extracting(ReconciliationDrift::kind, ReconciliationDrift::subject,
                ReconciliationDrift::repair).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("PERMISSION_MISSING", user, "permission.granted"),
                org.assertj.core.groups.Tuple.tuple("PERMISSION_EXTRA", user, "permission.revoked"),
                org.assertj.core.groups.Tuple.tuple("FUNCTION_EXTRA", retiredUnit, "function-unit.retired"));
        assertThat(report.driftCount()).isEqualTo(3);
        assertThat(report.repairedCount()).isEqualTo(3);
        assertThat(report.accountsChecked()).isGreaterThanOrEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> correlated(Topics.USER_PERMISSION_EVENTS, report.id()).size() == 2
                && correlated(Topics.FUNCTION_UNIT_EVENTS, report.id()).size() == 1);
        List<EventEnvelope<?>> repairs = correlated(Topics.USER_PERMISSION_EVENTS, report.id());
        assertThat(repairs).extracting(e -> e.type().type(), e -> e.data().operation(), EventEnvelope::subject)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("permission.granted", Operation.RECONCILE, user),
                        org.assertj.core.groups.Tuple.tuple("permission.revoked", Operation.RECONCILE, user));
        assertThat(repairs).extracting(e -> e.payload().toString()).anyMatch(p -> p.contains(granted))
                .anyMatch(p -> p.contains(kept));
        assertThat(correlated(Topics.FUNCTION_UNIT_EVENTS, report.id())).singleElement().satisfies(retired -> {
            assertThat(retired.type().type()).isEqualTo("function-unit.retired");
            assertThat(retired.payload().toString()).contains("1.0.0");
        });
        assertThat(correlated(Topics.SYSTEM_NOTIFICATION_EVENTS, report.id()))
                .as("nobody is notified of a repair").isEmpty();

        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(PortalPeer.authorizations()
                .get(PortalPeer.authorizations().size() - 1).substring("Bearer ".length()).split("\\.")[1]));
        assertThat(claims.path("sub").asText()).isEqualTo("admin-center");
        assertThat(claims.path("groups").toString()).isEqualTo("[\"ops\"]");

        Authorized.as(Roles.ADMIN).get("/api/v1/ops/reconciliations/" + report.id()).then().statusCode(200)
                .body("driftCount", equalTo(3));
        assertThat(Authorized.as(Roles.ADMIN).get("/api/v1/ops/reconciliations").then().statusCode(200).extract()
                .jsonPath().getString("items[0].id")).isEqualTo(report.id());
        assertThat(Authorized.as(Roles.ADMIN).queryParam("subject", user).queryParam("type", "permission.revoked")
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath().getString("items[0].summary"))
                .startsWith("reconciliation: ");
    }

    @Test
    void aDifferenceSeenOnlyOnceIsAnEventInFlightNotDrift() {
        String user = newUser("flap-" + UUID.randomUUID().toString().substring(0, 8));
        AtomicInteger looks = new AtomicInteger();
        PortalPeer.serve(() -> {
            PortalPeer.State mirror = mirror();
            if (looks.incrementAndGet() > 1) {
                return mirror;
            }
            return new PortalPeer.State(mirror.accounts().stream()
                    .filter(a -> !a.userId().toString().equals(user)).toList(), mirror.functions());
        });

        ReconciliationReport report = reconcile();

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.driftCount()).isZero();
        assertThat(looks.get()).isEqualTo(2);
        assertThat(correlated(Topics.USER_PERMISSION_EVENTS, report.id())).isEmpty();
    }

    @Test
    void anUnreachablePortalFailsTheRunWithTheReasonAndTheNextRunWorks() {
        PortalPeer.goDown();

        ReconciliationReport failed = reconcile();

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.error()).contains("503");
        io.lowcode.localstack.testing.Management.management().get("/q/health/live").then().statusCode(200);
        PortalPeer.serve(ReconciliationTest::mirror);
        assertThat(reconcile().status()).isEqualTo("COMPLETED");
    }

    @Test
    void onlyOneReconciliationRunsAtATime() throws Exception {
        PortalPeer.serve(ReconciliationTest::mirror);
        PortalPeer.hold();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> Authorized.asUser(OPS, Roles.OPS)
                .post("/api/v1/ops/reconciliations").statusCode());
        PortalPeer.awaitHeld();

        Authorized.asUser(OPS, Roles.OPS).post("/api/v1/ops/reconciliations").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:reconciliation-running"));

        PortalPeer.release();
        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(201);
    }

    @Test
    void onlyOpsMayReconcileAndOpsAndAdminsMayReadTheReports() {
        Authorized.as(Roles.ADMIN).post("/api/v1/ops/reconciliations").then().statusCode(403);
        Authorized.as(Roles.USER).get("/api/v1/ops/reconciliations").then().statusCode(403);
        Authorized.as(Roles.OPS).get("/api/v1/ops/reconciliations").then().statusCode(200);
        Authorized.as(Roles.OPS).get("/api/v1/ops/reconciliations/not-a-run").then().statusCode(404)
                .contentType("application/problem+json");
        Authorized.as(Roles.OPS).get("/api/v1/ops/reconciliations/" + UUID.randomUUID()).then().statusCode(404);
        Authorized.as(Roles.OPS).queryParam("size", "0").get("/api/v1/ops/reconciliations").then().statusCode(400);
    }

    private static ReconciliationReport reconcile() {
        String bearer = Authorized.bearer(OPS, Roles.OPS);
        AdminCenterClient client = RestClientBuilder.newBuilder()
                .baseUri(URI.create("http://localhost:" + io.restassured.RestAssured.port))
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle(RequestHeaders.AUTHORIZATION,
                        bearer))
                .build(AdminCenterClient.class);
        return client.reconcile();
    }

    /** The portal as it should be: exactly the admin center's users, grants and deployments. */
    static PortalPeer.State mirror() {
        List<ReadModelAccount> accounts = Authorized.as(Roles.ADMIN).get("/api/v1/users").then().statusCode(200)
                .extract().jsonPath().getList("", Map.class).stream()
                .map(u -> new ReadModelAccount(UUID.fromString((String) u.get("id")), (String) u.get("status"),
                        strings(u.get("roles")), strings(u.get("permissions"))))
                .toList();
        List<ReadModelFunction> functions = Authorized.as(Roles.ADMIN).get("/api/v1/function-units").then()
                .statusCode(200).extract().jsonPath().getList("", Map.class).stream()
                .filter(f -> f.get("deployedVersion") != null)
                .map(f -> new ReadModelFunction((String) f.get("functionUnitId"), (String) f.get("deployedVersion"), "d"))
                .toList();
        return new PortalPeer.State(accounts, functions);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return list == null ? List.of() : (List<String>) list;
    }

    private static String newUser(String username) {
        return Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("username", username, "email",
                        username + "@example.com", "password", "a-password-for-" + username, "roles", List.of(Roles.USER)))
                .post("/api/v1/users").then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static void grant(String user, String permission) {
        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("permission", permission))
                .post("/api/v1/users/" + user + "/permissions").then().statusCode(201);
    }

    /** The events on {@code topic} whose correlation id is {@code correlation}. */
    private static List<EventEnvelope<?>> correlated(String topic, String correlation) {
        try (TopicReader reader = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(), topic)) {
            List<EventEnvelope<?>> found = new ArrayList<>();
            for (var record : reader.readToEnd()) {
                try {
                    EventEnvelope<?> event = EventCodec.shared().deserialize(record.value());
                    if (correlation.equals(event.correlationid())) {
                        found.add(event);
                    }
                } catch (RuntimeException notAnEvent) {
                    // poison records of other tests
                }
            }
            return found;
        }
    }
}
