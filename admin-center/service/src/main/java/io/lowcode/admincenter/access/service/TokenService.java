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
 * every service verifies with the public key; {@code aud} names the platform and {@code jti} identifies the token. A
 * wrong username, a wrong password and a disabled account get the same answer in the same time; failures are throttled
 * per username and address and per address ({@link LoginThrottle}), and password checks wait in a bounded queue
 * ({@link PasswordHasher}).
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
     * Checks {@code password} for {@code usernameInput} from the address {@code source}.
     *
     * @throws ProblemException 401 {@code invalid-credentials} (also for a disabled account); 429 while the username is
     *                          throttled for this address or the address itself is; 503 while the hashing queue is full
     */
    @WithSession
    public Uni<TokenResponse> issue(String usernameInput, String password, String source) {
        String username = usernameInput.strip().toLowerCase(Locale.ROOT);
        boolean trusted = throttle.trusted(source);
        LoginThrottle.Reservation reservation = throttle.reserve(username, source); // before any hashing: 429 here
        return UserAccountEntity.byUsername(username).flatMap(account -> {
            String hash = account == null || !UserAccountEntity.ACTIVE.equals(account.status) ? null : account.passwordHash;
            return hasher.matches(password, hash, source, trusted)
                    .flatMap(ok -> {
                        if (!ok) {
                            Log.infof("failed login for username '%s' from %s", username, source);
                            throw new ProblemException(401, "invalid-credentials", "Unauthorized",
                                    "wrong username or password", java.util.List.of());
                        }
                        reservation.succeeded();
                        // signing may read the key file: off the event loop
                        return UserRoleEntity.of(account.userId)
                                .flatMap(roles -> vertx.executeBlocking(() -> sign(account, roles), false));
                    });
        }).onFailure(failure -> !wrongPassword(failure)).invoke(reservation::cancelled); // only a wrong one counts
    }

    private static boolean wrongPassword(Throwable failure) {
        return failure instanceof ProblemException problem && problem.status() == 401;
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
                .audience(config.audience())
                .claim(org.eclipse.microprofile.jwt.Claims.jti.name(), java.util.UUID.randomUUID().toString())
                .subject(SERVICE_SUBJECT)
                .upn(SERVICE_SUBJECT)
                .groups(new HashSet<>(roles))
                .expiresIn(ttl)
                .sign(), false);
    }

    private TokenResponse sign(UserAccountEntity account, java.util.List<String> roles) {
        java.time.Duration ttl = tokenTtl();
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .claim(org.eclipse.microprofile.jwt.Claims.jti.name(), java.util.UUID.randomUUID().toString())
                .subject(account.userId.toString())
                .upn(account.username)
                .groups(new HashSet<>(roles))
                .claim(Caller.SESSION_CLAIM, java.util.UUID.randomUUID().toString()) // one session per login
                .claim(io.lowcode.eventschema.runtime.security.CurrentAccounts.GENERATION_CLAIM,
                        (long) account.tokenGeneration) // raised by a password change: older tokens are refused
                .expiresIn(ttl)
                .sign();
        Log.infof("issued a token to user %s (%s) with roles %s", account.userId, account.username, roles);
        return new TokenResponse(token, "Bearer", ttl.toSeconds());
    }
}
