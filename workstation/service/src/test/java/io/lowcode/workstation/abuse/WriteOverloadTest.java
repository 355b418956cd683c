package io.lowcode.workstation.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A flood of creates beyond what the workstation may have in progress is refused at once — 503 {@code overloaded},
 * problem+json, {@code Retry-After} — instead of queued, and the service stays healthy: every request is answered,
 * the accepted ones are created, and the next create after the flood succeeds.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@TestProfile(WriteOverloadTest.FewWritesInFlight.class)
class WriteOverloadTest {

    /** Two writes in progress at most, so that a burst of 80 surely exceeds it. */
    public static class FewWritesInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lowcode.admission.max-in-flight-writes", "2");
        }
    }

    @Test
    void aBurstBeyondTheWriteBoundIsRefusedAtOnceAndTheServiceStaysHealthy() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        URI create = URI.create("http://127.0.0.1:" + port + "/api/v1/function-units");
        String bearer = Authorized.bearer("test-" + Roles.DEVELOPER, Roles.DEVELOPER);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(create).timeout(Duration.ofSeconds(30))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"flood " + i + "\",\"definition\":{\"steps\":[]}}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        int created = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() == 201) {
                created++;
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(response.body()).contains("urn:lowcode:problem:overloaded").contains("max-in-flight-writes");
                refused++;
            }
        }
        assertThat(refused).as("refused beyond two in progress").isPositive();
        assertThat(created).as("accepted while under the bound").isPositive();
        assertThat(created + refused).isEqualTo(80);

        // healthy afterwards: the bound is free again, reads were never counted
        Authorized.as(Roles.DEVELOPER).contentType("application/json")
                .body("{\"name\":\"after the flood\",\"definition\":{\"steps\":[]}}")
                .post("/api/v1/function-units").then().statusCode(201);
        Authorized.as(Roles.DEVELOPER).get("/api/v1/function-units").then().statusCode(200);
    }
}
