package io.lowcode.eventschema.runtime.selfhealing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** In-process self-healing of every service ({@code lowcode.self-healing.*}). */
@ConfigMapping(prefix = "lowcode.self-healing")
public interface SelfHealingConfig {

    /** How often the watchdogs look. */
    @WithDefault("2s")
    Duration checkInterval();

    /** A consumer channel that holds a record without finishing it. */
    Consumer consumer();

    /** The outbox relay. */
    Relay relay();

    interface Consumer {
        /** Whether stalled consumer channels are restarted in-process. */
        @WithDefault("true")
        boolean enabled();

        /**
         * An attempt to apply a record that runs this long without ending is a stall (waits between retries are not:
         * a consumer retrying an unavailable database makes progress of its own). Keep it below the connector's
         * {@code throttled.unprocessed-record-max-age.ms} (60 s), after which the channel reports itself dead and
         * liveness restarts the pod.
         */
        @WithDefault("30s")
        Duration stallTimeout();
    }

    interface Relay {
        /** Whether a relay that stopped making progress is restarted. */
        @WithDefault("true")
        boolean enabled();

        /**
         * A relay pass whose database session sits in its transaction this long without ending holds its claimed rows
         * for no one. Above {@code lowcode.messaging.relay.send-timeout} (20 s), the longest a pass waits for Kafka.
         */
        @WithDefault("60s")
        Duration stallTimeout();
    }
}
