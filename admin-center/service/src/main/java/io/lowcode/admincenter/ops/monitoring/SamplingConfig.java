package io.lowcode.admincenter.ops.monitoring;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Kafka sampler ({@code lowcode.ops.sampling.*}): how often the admin center reads the cluster, its topics and
 * its consumer groups through the Admin API, and how many samples a consumer group's status is evaluated over.
 * With the defaults (5 s × 6 samples) a consumer that stops while lagging turns WARN within ~10 s and STALL or
 * STOP within ~30 s.
 */
@ConfigMapping(prefix = "lowcode.ops.sampling")
public interface SamplingConfig {

    /** Whether this pod samples at all (the API then answers 503 {@code not-sampled}). */
    @WithDefault("true")
    boolean enabled();

    /** Time between two samples. */
    @WithDefault("5s")
    Duration interval();

    /** Samples in a consumer group's sliding window (Burrow's {@code intervals}), at least 3. */
    @WithDefault("6")
    int window();

    /** The span over which topic produce rates and service event rates are computed. */
    @WithDefault("60s")
    Duration rateSpan();

    /** How long topic end offsets are kept (the dead-letter rule looks this far back). */
    @WithDefault("15M")
    Duration history();

    /** Upper bound of every Admin API call (and of a whole sample). */
    @WithDefault("5s")
    Duration kafkaTimeout();

    /** Upper bound of one scrape of a service's {@code /q/metrics} (connect and answer). */
    @WithDefault("2s")
    Duration scrapeTimeout();
}
