package io.lowcode.portal.execution;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Limits of workflow executions ({@code lowcode.execution.*}): what one execution may use, where its http steps may
 * connect, and how many may be started at once. Sizes are of the JSON as written (UTF-8 bytes).
 */
@ConfigMapping(prefix = "lowcode.execution")
public interface ExecutionConfig {

    /** Steps one execution runs at most (branches may loop); beyond it the execution fails. */
    @WithDefault("1000")
    int maxSteps();

    /** Longest an execution may run, start to end; an http step's deadline is cut to what is left of it. */
    @WithDefault("10M")
    Duration maxDuration();

    /** Largest output of one step — every rendered template and http answer — as JSON. */
    @WithDefault("512K")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxStepOutput();

    /** Largest context of one execution: its input plus the output of every step, as JSON. */
    @WithDefault("2M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxContext();

    /**
     * The contexts of every execution running in this pod together. Past it new starts are refused (503) and an
     * execution that would grow it fails, so many large executions cannot exhaust the heap together.
     */
    @WithDefault("32M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxPodContext();

    /** The http steps. */
    Http http();

    /** Starting executions. */
    Admission admission();

    interface Http {
        /**
         * Where http steps may connect: {@code host[:port]} entries — a name, {@code *.domain}, {@code *}, an IP address
         * or a CIDR block; port a number, {@code *}, or absent for the scheme's default. Loopback, link-local (169.254/16,
         * cloud metadata), private, shared, reserved and multicast addresses and the platform's own addresses are
         * refused unless an IP or CIDR entry names them. Empty (the default): http steps may connect nowhere.
         */
        Optional<List<String>> allow();

        /** Largest response body read; a larger answer fails the step and the connection is reset. */
        @WithDefault("1M")
        @WithConverter(MemorySizeConverter.class)
        MemorySize maxBody();

        /** Longest wait for a connection (the step's own timeout bounds the whole call). */
        @WithDefault("5S")
        Duration connectTimeout();
    }

    interface Admission {
        /**
         * Executions in flight in this pod — starting, waiting to start or running. Past it, starts get 503 with
         * {@code Retry-After}.
         */
        @WithDefault("2000")
        int maxInFlight();

        /** Executions in flight in this pod for one user; past it the user's starts get 429 with {@code Retry-After}. */
        @WithDefault("1000")
        int maxPerUser();

        /** Start transactions run at once (the bulkhead's limit). */
        @WithDefault("32")
        int maxStarting();

        /** Start requests waiting for one of those (the bulkhead's queue); past it 503. */
        @WithDefault("1000")
        int maxWaiting();

        /** What {@code Retry-After} tells refused clients. */
        @WithDefault("2S")
        Duration retryAfter();
    }
}
