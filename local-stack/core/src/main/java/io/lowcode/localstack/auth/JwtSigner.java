package io.lowcode.localstack.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signs RS256 JWTs the way the admin center does, for tests and benchmarks that need a token for any user and
 * role (and for the bad tokens an authorization test must be refused with: expired, forged, foreign issuer).
 */
public final class JwtSigner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The audience every service requires ({@code mp.jwt.verify.audiences}, {@code lowcode.auth.audience}). */
    public static final String AUDIENCE = "lowcode-platform";

    private final PrivateKey key;
    private final String issuer;
    private final String audience;
    private final boolean tokenId;

    JwtSigner(PrivateKey key, String issuer) {
        this(key, issuer, AUDIENCE, true);
    }

    private JwtSigner(PrivateKey key, String issuer, String audience, boolean tokenId) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.tokenId = tokenId;
    }

    /** A valid token for {@code subject} (also its {@code upn}) with {@code roles}, valid for 15 minutes. */
    public String token(String subject, List<String> roles) {
        return token(subject, roles, Instant.now(), Duration.ofMinutes(15));
    }

    /** A token issued at {@code issuedAt} that expires {@code ttl} later (in the past for an expired one). */
    public String token(String subject, List<String> roles, Instant issuedAt, Duration ttl) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", roles);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(ttl).getEpochSecond());
        if (tokenId) {
            claims.put("jti", UUID.randomUUID().toString());
        }
        claims.put("sid", UUID.randomUUID().toString()); // a login session, as the admin center's tokens carry
        return sign(claims);
    }

    /** A claim of a token (signature not checked): what a test compares events with, e.g. its {@code sid}. */
    public static String claim(String token, String name) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            com.fasterxml.jackson.databind.JsonNode value = JSON.readTree(payload).get(name);
            return value == null ? null : value.asText();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a JWT: " + e.getMessage(), e);
        }
    }

    /** The same signer with another issuer, for a token the services must refuse. */
    public JwtSigner withIssuer(String otherIssuer) {
        return new JwtSigner(key, otherIssuer, audience, tokenId);
    }

    /** The same signer with another audience (a token meant for another application), which the services refuse. */
    public JwtSigner withAudience(String otherAudience) {
        return new JwtSigner(key, issuer, otherAudience, tokenId);
    }

    /** The same signer leaving out the token id ({@code jti}), which the services require. */
    public JwtSigner withoutTokenId() {
        return new JwtSigner(key, issuer, audience, false);
    }

    /** A signer with a freshly generated key nobody trusts: its tokens are forgeries. */
    public static JwtSigner forger(String issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new JwtSigner(generator.generateKeyPair().getPrivate(), issuer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(Map<String, Object> claims) {
        try {
            String header = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(rsa.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
