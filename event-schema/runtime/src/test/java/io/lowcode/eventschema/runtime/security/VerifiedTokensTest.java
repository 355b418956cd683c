package io.lowcode.eventschema.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * With smallrye-jwt's real parser and RS256 tokens: a token's signature is verified once and the token then taken from
 * memory — never past its expiry or {@link VerifiedTokens#MAX_AGE}; a token that fails verification is never
 * remembered, and the memory is bounded.
 */
class VerifiedTokensTest {

    private static final String ISSUER = "https://lowcode.io/admin-center";
    private static KeyPair keys;

    @BeforeAll
    static void keys() throws Exception {
        keys = rsa();
    }

    @Test
    void aValidTokenIsVerifiedOnceThenTakenFromMemoryUntilItExpires() throws Exception {
        MovableClock clock = new MovableClock();
        AtomicInteger verifications = new AtomicInteger();
        VerifiedTokens tokens = new VerifiedTokens(counting(verifications), clock);
        String token = sign(keys, Duration.ofMinutes(2), "u-1");

        JsonWebToken first = tokens.parse(token);
        JsonWebToken second = tokens.parse(token);
        assertThat(second.getSubject()).isEqualTo("u-1").isEqualTo(first.getSubject());
        assertThat(verifications).as("verified once").hasValue(1);

        clock.advance(Duration.ofMinutes(2));
        tokens.parse(token);
        assertThat(verifications).as("at its expiry the token is verified again, not taken from memory").hasValue(2);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() throws Exception {
        MovableClock clock = new MovableClock();
        AtomicInteger verifications = new AtomicInteger();
        VerifiedTokens tokens = new VerifiedTokens(counting(verifications), clock);
        String token = sign(keys, Duration.ofHours(8), "u-1");

        tokens.parse(token);
        clock.advance(VerifiedTokens.MAX_AGE.minusSeconds(1));
        tokens.parse(token);
        assertThat(verifications).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        tokens.parse(token);
        assertThat(verifications).as("verified again after the maximum age").hasValue(2);
    }

    @Test
    void aTokenThatFailsIsRefusedEveryTimeAndNeverRemembered() throws Exception {
        AtomicInteger verifications = new AtomicInteger();
        VerifiedTokens tokens = new VerifiedTokens(counting(verifications), new MovableClock());
        String forged = sign(rsa(), Duration.ofMinutes(5), "u-1"); // signed with another key
        String expired = sign(keys, Duration.ofMinutes(-10), "u-1");

        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(expired)).isInstanceOf(ParseException.class);
        assertThat(verifications).as("verified (and refused) every time").hasValue(3);
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void atMostMaxTokensAreRemembered() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(new DefaultJWTParser(context()), new MovableClock());
        for (int i = 0; i < VerifiedTokens.MAX_TOKENS + 10; i++) {
            tokens.parse(sign(keys, Duration.ofMinutes(5), "u-" + i));
        }
        assertThat(tokens.remembered()).isEqualTo(VerifiedTokens.MAX_TOKENS);
    }

    /** smallrye-jwt's parser, counting its calls. */
    private static JWTParser counting(AtomicInteger calls) {
        JWTParser parser = new DefaultJWTParser(context());
        return (JWTParser) Proxy.newProxyInstance(VerifiedTokensTest.class.getClassLoader(),
                new Class<?>[] {JWTParser.class}, (proxy, method, args) -> {
                    calls.incrementAndGet();
                    try {
                        return method.invoke(parser, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static JWTAuthContextInfo context() {
        return new JWTAuthContextInfo(keys.getPublic(), ISSUER);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A token issued now (smallrye-jwt checks expiry against the system clock) that lives {@code lifetime}. */
    private static String sign(KeyPair signer, Duration lifetime, String subject) throws Exception {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setIssuedAt(NumericDate.fromSeconds(Math.min(now.getEpochSecond(), now.plus(lifetime).getEpochSecond() - 60)));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** The cache's clock, which the test moves forward from the real now. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
