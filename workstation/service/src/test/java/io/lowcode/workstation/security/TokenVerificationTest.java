package io.lowcode.workstation.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.runtime.security.VerifiedTokens;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.eventschema.access.Roles;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;

/** The service verifies bearer tokens through {@link VerifiedTokens}: a signature once per token, not per request. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TokenVerificationTest {

    @Inject
    JWTParser parser;

    @Test
    void bearerTokensAreVerifiedThroughVerifiedTokens() {
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(VerifiedTokens.class);
        Authorized.as(Roles.DEVELOPER).get("/api/v1/function-units").then().statusCode(200);
        Authorized.as(Roles.DEVELOPER).get("/api/v1/function-units").then().statusCode(200);
        assertThat(((VerifiedTokens) ClientProxy.unwrap(parser)).remembered()).isPositive();
    }
}
