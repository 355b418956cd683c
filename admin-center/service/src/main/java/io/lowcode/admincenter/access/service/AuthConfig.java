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

    /** The {@code aud} of issued tokens; every service requires it ({@code mp.jwt.verify.audiences} uses this key). */
    @WithDefault("lowcode-platform")
    String audience();

    /**
     * How long a request may act on the caller's roles and status as read before (the shared CurrentRolesAugmentor
     * reads this key); the admin center owns the accounts and sets 0: every request reads them.
     */
    @WithDefault("2S")
    java.time.Duration currentRolesTtl();

    /** How long an issued token is valid. */
    @WithDefault("15M")
    Duration tokenTtl();

    /** bcrypt cost factor of stored passwords (2^cost rounds). */
    @WithDefault("10")
    int bcryptCost();

    /**
     * Failed logins of one username from one address allowed within {@link #failureWindow()} before further attempts
     * from that address get 429 (other addresses are not affected: strangers cannot lock an account out).
     */
    @WithDefault("5")
    int maxFailures();

    /** Failed logins from one address, whatever the usernames, allowed within {@link #failureWindow()}. */
    @WithDefault("50")
    int maxFailuresPerSource();

    /** The window failed logins are counted in; a locked username is free again when its oldest failure leaves it. */
    @WithDefault("15M")
    Duration failureWindow();

    /** Password hashing and checking. */
    Hashing hashing();

    /** The first admin, created at start when no account has its username. Production takes both from a Secret. */
    BootstrapAdmin bootstrapAdmin();

    interface Hashing {
        /** Threads that hash (bcrypt is CPU-bound: about the pod's cores). */
        @WithDefault("2")
        int threads();

        /**
         * Checks waiting per lane (addresses without recent failures go first, in a lane of their own); past it 503.
         */
        @WithDefault("16")
        int maxQueued();

        /** Checks in progress or waiting from one address that has recent failed logins; past it 429. */
        @WithDefault("2")
        int maxPerSource();
    }

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
