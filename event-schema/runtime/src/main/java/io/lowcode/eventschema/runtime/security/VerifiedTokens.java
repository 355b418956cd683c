package io.lowcode.eventschema.runtime.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token parser of every service: smallrye-jwt's, verifying signature, issuer, audience and expiry, but once
 * per token rather than on every request. A client sends the same token for as long as it lives, and an RS256
 * verification is the most expensive step of a request (profiled with JFR under {@code ./platform bench}: ~20 % of the
 * workstation's samples, in {@code BigInteger} arithmetic). A token that passed is remembered — by its exact bytes —
 * until it expires or at most {@link #MAX_AGE}, whichever comes first; a token that fails is never remembered, and at
 * most {@link #MAX_TOKENS} tokens are (least recently used first out). What changes after issue — a disabled account,
 * a password change revoking older tokens, the current roles — is checked on every request by
 * {@link CurrentRolesAugmentor}, not here.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    /** Longest time a verified token is taken from memory before it is verified again. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** Tokens remembered at most. */
    static final int MAX_TOKENS = 2048;

    private record Verified(JsonWebToken token, long untilMillis) {
    }

    private final JWTParser delegate;
    private final Clock clock;
    private final Map<String, Verified> verified = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
            return size() > MAX_TOKENS;
        }
    };

    @Inject
    public VerifiedTokens(JWTAuthContextInfo context) {
        this(new DefaultJWTParser(context), Clock.systemUTC());
    }

    VerifiedTokens(JWTParser delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.millis();
        Verified known;
        synchronized (verified) {
            known = verified.get(token);
            if (known != null && now >= known.untilMillis()) {
                verified.remove(token);
                known = null;
            }
        }
        if (known != null) {
            return known.token();
        }
        JsonWebToken parsed = delegate.parse(token);
        long expiresMillis = parsed.getExpirationTime() * 1000;
        if (expiresMillis > now) {
            synchronized (verified) {
                verified.put(token, new Verified(parsed, Math.min(expiresMillis, now + MAX_AGE.toMillis())));
            }
        }
        return parsed;
    }

    /** How many verified tokens are remembered now. */
    public int remembered() {
        synchronized (verified) {
            return verified.size();
        }
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
