package io.lowcode.localstack.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.client.ClientRequestFilter;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.api.ServiceInfo;
import io.lowcode.localstack.auth.JwtSigner;
import io.lowcode.localstack.auth.TokenKeys;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.LocalStackTestResource;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * What every service promises operations, checked against the real Kafka and PostgreSQL of
 * {@link LocalStackTestResource}: ready when the database answers with the schema it needs, DOWN while
 * PostgreSQL is gone and ready again after, still ready while Kafka is gone (its own health group
 * {@code /q/health/group/kafka} says DOWN), health/metrics/OpenAPI served, problem+json errors, and its
 * typed REST client works.
 * A service's test extends this with {@code @QuarkusTest} and the test resource.
 */
public abstract class ServiceContractTest {

    private static final Duration OUTAGE_DETECTION = Duration.ofSeconds(30);

    private final String service;
    private final Function<Object, ServiceInfo> about;
    private final Class<?> clientType;

    @SuppressWarnings("unchecked")
    protected <C> ServiceContractTest(String service, Class<C> clientType, Function<C, ServiceInfo> about) {
        this.service = service;
        this.clientType = clientType;
        this.about = (Function<Object, ServiceInfo>) about;
    }

    @Test
    void readinessIsTheDatabaseSchemaAloneAndKafkaHasItsOwnGroup() {
        JsonPath health = Management.management().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getList("checks.name")).contains("database schema").doesNotContain("kafka cluster");
        assertThat(check(health, "database schema")).isEqualTo("UP");
        JsonPath kafka = Management.management().get("/q/health/group/kafka").then().statusCode(200).extract().jsonPath();
        assertThat(check(kafka, "kafka cluster")).isEqualTo("UP");
    }

    @Test
    void livenessAndStartupAreUp() {
        Management.management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.management().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessStaysUpWhileKafkaIsGoneAndTheKafkaGroupSaysSo() {
        LocalStack stack = LocalStackTestResource.stack();
        stack.kafka().close();
        try {
            await().atMost(OUTAGE_DETECTION).untilAsserted(() -> {
                JsonPath kafka = Management.management().get("/q/health/group/kafka").then().statusCode(503).extract().jsonPath();
                assertThat(check(kafka, "kafka cluster")).isEqualTo("DOWN");
            });
            // the outbox keeps writes succeeding while Kafka is away: the pod stays in its Service
            Management.management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            stack.kafka().startAll(Duration.ofSeconds(60));
        }
        await().atMost(OUTAGE_DETECTION).untilAsserted(() ->
                Management.management().get("/q/health/group/kafka").then().statusCode(200));
    }

    @Test
    void readinessIsDownWhilePostgresIsGoneAndUpWhenItIsBack() {
        LocalStack stack = LocalStackTestResource.stack();
        stack.stopPostgres();
        try {
            await().atMost(OUTAGE_DETECTION).untilAsserted(() -> {
                JsonPath health = Management.management().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
                assertThat(check(health, "database schema")).isEqualTo("DOWN");
            });
        } finally {
            stack.startPostgres();
        }
        await().atMost(OUTAGE_DETECTION).untilAsserted(() ->
                Management.management().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aboutAnswersThroughTheModulesTypedRestClient() {
        String bearer = Authorized.bearer("test-user", Roles.USER);
        Object client = RestClientBuilder.newBuilder()
                .baseUri(URI.create("http://localhost:" + RestAssured.port))
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle(RequestHeaders.AUTHORIZATION, bearer))
                .build(clientType);
        ServiceInfo info = about.apply(client);
        assertThat(info.service()).isEqualTo(service);
        assertThat(info.schema()).isEqualTo(service.replace('-', '_'));
        assertThat(info.requiredSchemaVersion()).isNotBlank();
    }

    @Test
    void anApiCallWithoutATokenIsRefusedWithProblemJson() {
        given().get("/api/v1/about").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:unauthenticated"));
    }

    @Test
    void expiredForgedAndForeignTokensAreRefused() {
        JwtSigner signer = LocalStackTestResource.tokens();
        List<String> roles = List.of(Roles.USER);
        String expired = signer.token("late", roles, Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(15));
        String forged = JwtSigner.forger(TokenKeys.ISSUER).token("mallory", roles);
        String foreign = signer.withIssuer("https://elsewhere.example").token("stranger", roles);
        for (String token : List.of(expired, forged, foreign, "not-a-jwt")) {
            given().header(RequestHeaders.AUTHORIZATION, "Bearer " + token).get("/api/v1/about").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lowcode:problem:unauthenticated"));
        }
        given().header(RequestHeaders.AUTHORIZATION, "Bearer " + signer.token("ok", roles)).get("/api/v1/about")
                .then().statusCode(200);
    }

    @Test
    void metricsAreExposedForPrometheus() {
        String metrics = Management.management().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("# TYPE jvm_memory_used_bytes gauge");
        // the schema is migrated before the service starts: its consumers, relay and schedulers run
        assertThat(metrics).containsPattern("(?m)^lowcode_schema_gate_open(\\{[^}]*\\})? 1\\.0$");
    }

    @Test
    void openApiDocumentsTheApi() {
        Management.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/about"));
    }

    @Test
    void healthMetricsAndOpenApiAreOnlyOnTheManagementPort() {
        assertThat(Management.port()).isNotEqualTo(RestAssured.port);
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void aTokenWithoutTheAudienceOrTokenIdIsRefused() {
        JwtSigner signer = LocalStackTestResource.tokens();
        for (String token : List.of(signer.withAudience("another-application").token("aud", List.of(Roles.USER)),
                signer.withoutTokenId().token("jti", List.of(Roles.USER)))) {
            given().header(RequestHeaders.AUTHORIZATION, "Bearer " + token).get("/api/v1/about").then()
                    .statusCode(401).body("type", equalTo("urn:lowcode:problem:unauthenticated"));
        }
    }

    @Test
    void unknownResourceAnswersProblemJson() {
        given().get("/api/v1/no-such-resource").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:lowcode:problem:not-found"))
                .body("title", equalTo("Not Found"));
    }

    private static String check(JsonPath health, String name) {
        return health.getString("checks.find { it.name == '" + name + "' }.status");
    }
}
