package io.lowcode.admincenter.ops.configuration;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The managed configuration ({@code lowcode.ops.configuration.*}). */
@ConfigMapping(prefix = "lowcode.ops.configuration")
public interface ConfigurationConfig {

    /**
     * The environment whose per-environment parameters the migrator's configuration steps wrote
     * ({@code ops_migrator.platform_config}: {@code dev}, {@code staging}, {@code prod}) and this admin center manages.
     */
    @WithDefault("dev")
    String environment();

    /** How often the migrator's parameters are looked at again (a new release may have written new ones). */
    @WithDefault("1M")
    Duration migratorImportInterval();

    /**
     * How long a partition expansion waits for every consumer group of its topic to have no lag before it gives up
     * (FAILED, shown as drift: apply it again when the consumers have caught up).
     */
    @WithDefault("10M")
    Duration expansionTimeout();

    /** The most partitions a topic may be given through the console. */
    @WithDefault("256")
    int maxPartitions();
}
