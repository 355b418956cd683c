package io.lowcode.admincenter.ops;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The admin center's operations features ({@code lowcode.ops.*}): dead letters and reconciliation. */
@ConfigMapping(prefix = "lowcode.ops")
public interface OpsConfig {

    /** Dead-letter replay and discard. */
    DeadLetters deadLetters();

    /** Reconciliation of the portal's read models with this service's state. */
    Reconciliation reconciliation();

    interface DeadLetters {
        /**
         * The most dead letters one replay or discard may select (listed or by filter); a larger selection is refused
         * with 400 — replay in batches, so each one is acknowledged, audited and marked within the request's time.
         */
        @WithDefault("500")
        int maxSelection();
    }

    interface Reconciliation {
        /** Whether the scheduled reconciliation runs (on demand it always can). */
        @WithDefault("true")
        boolean enabled();

        /** How often the scheduled reconciliation runs. */
        @WithDefault("15M")
        Duration interval();

        /**
         * How long to wait before the second look: a difference counts as drift only if it is still there, so an
         * event in flight (published, not yet applied) is not taken for drift.
         */
        @WithDefault("5s")
        Duration settle();

        /** The portal's base URL (its ops read-model API); reconciliation fails, and says so, when absent. */
        Optional<URI> portalUrl();

        /** Bound of each call to the portal (connect and read). */
        @WithDefault("10s")
        Duration portalTimeout();

        /** Page size of the portal's read-model API (1..200). */
        @WithDefault("200")
        int pageSize();

        /** How long the token the admin center signs for its own calls to the portal stays valid. */
        @WithDefault("2M")
        Duration tokenTtl();
    }
}
