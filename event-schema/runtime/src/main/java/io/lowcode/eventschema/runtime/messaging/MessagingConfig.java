package io.lowcode.eventschema.runtime.messaging;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbox relay and consumer retry settings, shared by every service ({@code lowcode.messaging.*}). */
@ConfigMapping(prefix = "lowcode.messaging")
public interface MessagingConfig {

    /** Outbox relay. */
    Relay relay();

    /** Consumer retries before a record is dead-lettered. */
    Retry retry();

    interface Relay {
        /**
         * How long a REST call waits for the Kafka acknowledgement of the events it wrote (the seed's
         * "synchronous send"). After that it answers anyway; the event stays in the outbox and the sweep
         * publishes it.
         */
        @WithDefault("2s")
        Duration publishWait();

        /** Upper bound of one Kafka send; keep it above the producer's {@code delivery.timeout.ms}. */
        @WithDefault("20s")
        Duration sendTimeout();

        /** How many outbox rows one relay pass claims at most. */
        @WithDefault("500")
        int batchSize();

        /** How many payload bytes one relay pass claims at most (always one row, however large). */
        @WithDefault("4M")
        @io.smallrye.config.WithConverter(io.quarkus.runtime.configuration.MemorySizeConverter.class)
        io.quarkus.runtime.configuration.MemorySize batchBytes();

        /** After a failed pass, the sweep waits this long, doubling up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between sweeps while Kafka keeps failing. */
        @WithDefault("30s")
        Duration maxBackoff();

        /**
         * Kafka producer settings of the relay, on top of the service's {@code kafka.*} connection settings
         * (defaults in the shared configuration: idempotent, {@code acks=all}, bounded delivery timeout).
         */
        Map<String, String> producer();
    }

    interface Retry {
        /**
         * Attempts of a transient failure, the first included; then the record is dead-lettered. Applies to the event
         * types the catalog marks {@code BOUNDED_RETRIES}; the others are retried {@link #untilApplied()}.
         */
        @WithDefault("4")
        int maxAttempts();

        /** Backoff before the second attempt; doubles each time (with jitter). */
        @WithDefault("100ms")
        Duration initialBackoff();

        /** Longest backoff between attempts. */
        @WithDefault("2s")
        Duration maxBackoff();

        /**
         * Types the catalog marks {@code RETRY_UNTIL_APPLIED} (accounts, roles, permissions, deploy/retire): a transient
         * failure is retried until the event is applied, never dead-lettered; the partition waits meanwhile.
         */
        UntilApplied untilApplied();
    }

    interface UntilApplied {
        /** Backoff before the second attempt; doubles each time (with jitter) up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /**
         * The cap of the backoff: once the cause is gone, the event is applied at most this long (plus jitter) later.
         * Between attempts nothing else of the partition is applied.
         */
        @WithDefault("10s")
        Duration maxBackoff();
    }
}
