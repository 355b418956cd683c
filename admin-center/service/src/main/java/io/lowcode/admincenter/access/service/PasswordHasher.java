package io.lowcode.admincenter.access.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * bcrypt hashing and checking of passwords, on a worker thread (a check takes tens of milliseconds by design;
 * the event loop must never wait for it). Results come back on the caller's Vert.x context.
 */
@ApplicationScoped
public class PasswordHasher {

    /** Checked against when the username does not exist, so a wrong username costs what a wrong password costs. */
    private static final String DECOY = BcryptUtil.bcryptHash("decoy-password-nobody-has", 10);

    private final Vertx vertx;
    private final AuthConfig config;

    public PasswordHasher(Vertx vertx, AuthConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(() -> BcryptUtil.bcryptHash(password, config.bcryptCost()), false);
    }

    /** Whether {@code password} matches {@code hash}; with a {@code null} hash it checks a decoy and says no. */
    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(() -> {
            if (hash == null) {
                BcryptUtil.matches(password, DECOY);
                return false;
            }
            return BcryptUtil.matches(password, hash);
        }, false);
    }
}
