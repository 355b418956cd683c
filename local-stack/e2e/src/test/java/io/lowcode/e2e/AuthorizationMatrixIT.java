package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.RoleCatalog;
import io.lowcode.localstack.auth.JwtSigner;
import io.lowcode.localstack.auth.TokenKeys;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of the three services, as their OpenAPI documents list them (a new endpoint cannot escape),
 * called with no token, bad tokens and a token of each role: 401 without a valid token, 403 ({@code forbidden})
 * for a role the operation does not declare, and never 401 or a role 403 for a role it declares. The declared
 * roles are the document's security requirements, which Quarkus derives from {@code @RolesAllowed}.
 */
class AuthorizationMatrixIT {

    /** The only operations anyone may call without a token. */
    private static final Set<String> PUBLIC = Set.of("admin-center POST /api/v1/auth/token");

    private static RunningPlatform platform;

    @BeforeAll
    static void start() {
        platform = RunningPlatform.shared();
    }

    @Test
    void everyOperationRefusesMissingAndBadTokensAndAdmitsExactlyItsDeclaredRoles() {
        JwtSigner signer = platform.platform().tokens();
        List<String> everyRole = java.util.Arrays.stream(RoleCatalog.values()).map(RoleCatalog::role).toList();
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("expired", signer.token(UUID.randomUUID().toString(), everyRole,
                Instant.now().minus(Duration.ofHours(1)), Duration.ofMinutes(15)));
        badTokens.put("forged", JwtSigner.forger(TokenKeys.ISSUER).token(UUID.randomUUID().toString(), everyRole));
        badTokens.put("foreign issuer", signer.withIssuer("https://elsewhere.example")
                .token(UUID.randomUUID().toString(), everyRole));
        badTokens.put("garbage", "not.a.jwt");

        List<Operation> operations = new ArrayList<>();
        for (String service : List.of("workstation", "admin-center", "portal")) {
            operations.addAll(operations(service, platform.platform().url(service), platform.management(service)));
        }
        assertThat(operations).as("operations found in the OpenAPI documents").hasSizeGreaterThanOrEqualTo(20);
        assertThat(operations.stream().filter(Operation::isPublic).map(Operation::name).toList())
                .containsExactlyInAnyOrderElementsOf(PUBLIC);

        List<String> walked = new ArrayList<>();
        assertSoftly(soft -> {
            for (Operation op : operations) {
                if (op.isPublic()) {
                    continue;
                }
                Response anonymous = op.call(null);
                soft.assertThat(anonymous.statusCode()).as(op.name() + " without a token").isEqualTo(401);
                soft.assertThat(anonymous.contentType()).as(op.name() + " 401 body").startsWith("application/problem+json");
                badTokens.forEach((kind, token) -> soft.assertThat(op.call(token).statusCode())
                        .as(op.name() + " with a " + kind + " token").isEqualTo(401));
                for (String role : everyRole) {
                    Response response = op.call(signer.token(UUID.randomUUID().toString(), List.of(role)));
                    String type = problemType(response);
                    if (op.roles().isEmpty() || op.roles().contains(role)) { // no roles declared: any signed-in caller
                        soft.assertThat(response.statusCode()).as(op.name() + " as " + role + " (declared)")
                                .isNotEqualTo(401);
                        soft.assertThat(type).as(op.name() + " as " + role + " (declared)")
                                .isNotEqualTo("urn:lowcode:problem:forbidden");
                    } else {
                        soft.assertThat(response.statusCode()).as(op.name() + " as " + role + " (not declared)")
                                .isEqualTo(403);
                        soft.assertThat(type).as(op.name() + " as " + role + " (not declared)")
                                .isEqualTo("urn:lowcode:problem:forbidden");
                    }
                }
                walked.add(op.name() + " " + op.roles());
            }
        });
        System.out.println("authorization matrix walked " + walked.size() + " operations:\n  " + String.join("\n  ", walked));
    }

    /** Every operation of a service's OpenAPI document, with the roles its security requirement declares. */
    private static List<Operation> operations(String service, String baseUri, String managementUri) {
        JsonPath doc = RestAssured.given().baseUri(managementUri).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<Operation> found = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, operation) -> {
            if (!Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                return;
            }
            Set<String> roles = new TreeSet<>();
            boolean secured = false;
            Object security = operation.get("security");
            if (security instanceof List<?> requirements) {
                for (Object requirement : requirements) {
                    for (Object scopes : ((Map<?, ?>) requirement).values()) {
                        secured = true;
                        ((List<?>) scopes).forEach(r -> roles.add(r.toString()));
                    }
                }
            }
            found.add(new Operation(service, baseUri, method.toUpperCase(), path, secured, roles));
        }));
        return found;
    }

    private static String problemType(Response response) {
        String contentType = response.contentType();
        return contentType != null && contentType.startsWith("application/problem+json")
                ? response.jsonPath().getString("type") : null;
    }

    /** One operation; path parameters are filled with a random UUID, bodies are an empty JSON object. */
    record Operation(String service, String baseUri, String method, String path, boolean secured, Set<String> roles) {

        boolean isPublic() {
            return !secured;
        }

        String name() {
            return service + " " + method + " " + path;
        }

        Response call(String token) {
            RequestSpecification request = RestAssured.given().baseUri(baseUri).redirects().follow(false);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                request.contentType(ContentType.JSON).body("{}");
            }
            String url = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            return request.request(method, url);
        }
    }
}
