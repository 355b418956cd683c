package io.lowcode.admincenter.access.service;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Logins, tokens and the first admin ({@code lowcode.auth.*}). */
@ConfigMapping(prefix = "lowcode.auth")
public interface AuthConfig {

    /** The {@code iss} of issued tokens; every service verifies it ({@code mp.jwt.verify.issuer} uses this key). */
    @WithDefault("https://lowcode.io/admin-center")
    String issuer();

    /** How long an issued token is valid. */
    @WithDefault("15M")
    Duration tokenTtl();

    /** bcrypt cost factor of stored passwords (2^cost rounds). */
    @WithDefault("10")
    int bcryptCost();

    /** Failed logins of one username allowed within {@link #failureWindow()} before further attempts get 429. */
    @WithDefault("5")
    int maxFailures();

    /** The window failed logins are counted in; a locked username is free again when its oldest failure leaves it. */
    @WithDefault("15M")
    Duration failureWindow();

    /** The first admin, created at start when no account has its username. Production takes both from a Secret. */
    BootstrapAdmin bootstrapAdmin();

    interface BootstrapAdmin {
        /** Login name; no bootstrap admin when absent. */
        Optional<String> username();

        /** Password (at least 12 characters); no bootstrap admin when absent. */
        Optional<String> password();

        /** E-mail address of the account. */
        @WithDefault("admin@localhost")
        String email();
    }
}
