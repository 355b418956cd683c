package io.lowcode.admincenter.ops.scaling;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scaling advice ({@code lowcode.ops.scaling.*}). */
@ConfigMapping(prefix = "lowcode.ops.scaling")
public interface ScalingConfig {

    /** Consumers one pod runs per channel (the channels' {@code concurrency}). */
    @WithDefault("3")
    int consumersPerPod();

    /** A lag should be drained within this long (on top of keeping up with what arrives). */
    @WithDefault("5M")
    Duration drainWithin();
}
