package io.lowcode.admincenter.access.service;

import java.util.HashSet;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.access.persistence.UserAccountEntity;
import io.lowcode.admincenter.access.persistence.UserRoleEntity;
import io.lowcode.admincenter.api.TokenResponse;
import io.lowcode.eventschema.runtime.configuration.ManagedKeys;
import io.lowcode.eventschema.runtime.configuration.ManagedParameters;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Logins: checks a username and password and issues an RS256 token ({@code sub} = user id, {@code upn} =
 * username, {@code groups} = roles, {@code sid} = a new session id that every event the session causes carries) that
 * every service verifies with the public key. A wrong username and a wrong
 * password get the same answer in the same time; repeated failures are throttled.
 */
@ApplicationScoped
public class TokenService {

    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuthConfig config;
    private final Vertx vertx;
    private final ManagedParameters managed;

    public TokenService(PasswordHasher hasher, LoginThrottle throttle, AuthConfig config, Vertx vertx,
            ManagedParameters managed) {
        this.hasher = hasher;
        this.throttle = throttle;
        this.config = config;
        this.vertx = vertx;
        this.managed = managed;
    }

    /**
     * How long a token lives: a token is the whole session (there are no refresh tokens), so the managed configuration's
     * session timeout ({@code admin.session.idle-timeout-minutes}, written per environment by the migrator) bounds it
     * when it is managed; else {@code lowcode.auth.token-ttl}.
     */
    public java.time.Duration tokenTtl() {
        int minutes = managed.integer(ManagedKeys.SESSION_IDLE_TIMEOUT, 0);
        return minutes > 0 ? java.time.Duration.ofMinutes(minutes) : config.tokenTtl();
    }

    /**
     * @throws ProblemException 401 {@code invalid-credentials}; 429 while the username is throttled
     */
    @WithSession
    public Uni<TokenResponse> issue(String usernameInput, String password) {
        String username = usernameInput.strip().toLowerCase(Locale.ROOT);
        throttle.lockedFor(username).ifPresent(wait -> {
            throw ProblemException.tooManyRequests("too many failed logins for this username; try again later",
                    wait.toSeconds() + 1);
        });
        return UserAccountEntity.byUsername(username).flatMap(account -> {
            String hash = account == null || !UserAccountEntity.ACTIVE.equals(account.status) ? null : account.passwordHash;
            return hasher.matches(password, hash).flatMap(ok -> {
                if (!ok) {
                    throttle.failed(username);
                    Log.infof("failed login for username '%s'", username);
                    throw new ProblemException(401, "invalid-credentials", "Unauthorized",
                            "wrong username or password", java.util.List.of());
                }
                throttle.succeeded(username);
                // signing may read the key file: off the event loop
                return UserRoleEntity.of(account.userId)
                        .flatMap(roles -> vertx.executeBlocking(() -> sign(account, roles), false));
            });
        });
    }

    /** The subject of the tokens the admin center signs for its own calls to other services. */
    public static final String SERVICE_SUBJECT = "admin-center";

    /**
     * A token the admin center signs for itself ({@code sub} {@value #SERVICE_SUBJECT}, {@code groups} = {@code roles},
     * short-lived), for its calls to the other services' ops APIs — reconciliation reads the portal's read models with
     * one. Signing reads the key: off the event loop.
     */
    public Uni<String> serviceToken(java.util.Set<String> roles, java.time.Duration ttl) {
        return vertx.executeBlocking(() -> Jwt.issuer(config.issuer())
                .subject(SERVICE_SUBJECT)
                .upn(SERVICE_SUBJECT)
                .groups(new HashSet<>(roles))
                .expiresIn(ttl)
                .sign(), false);
    }

    private TokenResponse sign(UserAccountEntity account, java.util.List<String> roles) {
        java.time.Duration ttl = tokenTtl();
        String token = Jwt.issuer(config.issuer())
                .subject(account.userId.toString())
                .upn(account.username)
                .groups(new HashSet<>(roles))
                .claim(Caller.SESSION_CLAIM, java.util.UUID.randomUUID().toString()) // one session per login
                .expiresIn(ttl)
                .sign();
        Log.infof("issued a token to user %s (%s) with roles %s", account.userId, account.username, roles);
        return new TokenResponse(token, "Bearer", ttl.toSeconds());
    }
}
