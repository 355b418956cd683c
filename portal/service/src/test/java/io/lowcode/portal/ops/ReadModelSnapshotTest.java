package io.lowcode.portal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.client.ClientRequestFilter;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.portal.access.AccessEvents;
import io.lowcode.portal.api.PortalClient;
import io.lowcode.portal.api.ReadModelAccount;
import io.lowcode.portal.api.ReadModelAccountPage;
import io.lowcode.portal.api.ReadModelFunction;
import io.lowcode.portal.function.FunctionUnitEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The portal's ops read-model API, which the admin center's reconciliation reads: the permission cache and the
 * available functions as they are, page by page, for role ops only.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ReadModelSnapshotTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);

    @Test
    void accountsWithTheirRolesAndDirectGrantsArePagedInIdOrderToTheEnd() {
        UUID user = AccessEvents.newUser(List.of(Roles.USER));
        String permission = "report:" + user + ":read";
        AccessEvents.send(AccessEvents.granted(user, permission));
        await().atMost(APPLIED).untilAsserted(() -> AccessEvents.as(user).get("/api/v1/me").then()
                .body("permissions", equalTo(List.of(permission))));

        List<ReadModelAccount> all = new ArrayList<>();
        UUID after = null;
        int pages = 0;
        do {
            ReadModelAccountPage page = ops().readModelAccounts(after, 1);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(1);
            all.addAll(page.items());
            after = page.next();
            pages++;
        } while (after != null && pages < 1_000);

        // PostgreSQL orders UUIDs as unsigned bytes: the order of their hex text
        assertThat(all).extracting(a -> a.userId().toString()).isSorted().doesNotHaveDuplicates()
                .contains(user.toString());
        assertThat(all).filteredOn(a -> a.userId().equals(user)).singleElement()
                .isEqualTo(new ReadModelAccount(user, "ACTIVE", List.of(Roles.USER), List.of(permission)));
        assertThat(ops().readModelAccounts(null, 200).items()).hasSize(Math.min(all.size(), 200));
    }

    @Test
    void availableFunctionsAreListedWithTheirVersionAndDeployment() {
        UUID unit = UUID.randomUUID();
        var deployment = FunctionUnitEvents.deployed(unit, "snapshot-" + unit, "2.1.0");
        try (FunctionUnitEvents events = new FunctionUnitEvents()) {
            events.send(deployment);
        }
        await().atMost(APPLIED).until(() -> FunctionUnitEvents.inboxRows(deployment.id()) == 1);

        List<ReadModelFunction> functions = new ArrayList<>();
        UUID after = null;
        do {
            var page = ops().readModelFunctions(after, 200);
            functions.addAll(page.items());
            after = page.next();
        } while (after != null);

        assertThat(functions).contains(new ReadModelFunction(unit.toString(), "2.1.0",
                deployment.payload().deploymentId()));
    }

    @Test
    void onlyOpsMayReadItAndBadParametersAreRefused() {
        Authorized.as(Roles.USER).get("/api/v1/ops/read-model/accounts").then().statusCode(403);
        Authorized.as(Roles.ADMIN).get("/api/v1/ops/read-model/functions").then().statusCode(403);
        RestAssured.given().get("/api/v1/ops/read-model/accounts").then().statusCode(401);
        Authorized.as(Roles.OPS).queryParam("after", "not-a-uuid").get("/api/v1/ops/read-model/accounts").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("after"));
        Authorized.as(Roles.OPS).queryParam("size", "100000").get("/api/v1/ops/read-model/functions").then()
                .statusCode(400).body("errors[0].field", equalTo("size"));
    }

    private static PortalClient ops() {
        String bearer = Authorized.bearer("admin-center", Roles.OPS);
        return RestClientBuilder.newBuilder()
                .baseUri(URI.create("http://localhost:" + RestAssured.port))
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle(RequestHeaders.AUTHORIZATION,
                        bearer))
                .build(PortalClient.class);
    }
}
