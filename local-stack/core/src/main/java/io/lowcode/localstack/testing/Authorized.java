package io.lowcode.localstack.testing;

import static io.restassured.RestAssured.given;

import java.util.List;

import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.localstack.LocalStackTestResource;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests that carry a bearer token the service under test accepts. */
public final class Authorized {

    private Authorized() {
    }

    /** A request by a user named after the first role, holding {@code roles}. */
    public static RequestSpecification as(String... roles) {
        return asUser("test-" + roles[0], roles);
    }

    /** A request by {@code subject} (the acting user on events), holding {@code roles}. */
    public static RequestSpecification asUser(String subject, String... roles) {
        return given().header(RequestHeaders.AUTHORIZATION, bearer(subject, roles));
    }

    /** The {@code Authorization} header value for {@code subject} with {@code roles}. */
    public static String bearer(String subject, String... roles) {
        return "Bearer " + LocalStackTestResource.tokens().token(subject, List.of(roles));
    }
}
