package io.lowcode.admincenter.ops.deployment;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the monitoring service judges a live deployment ({@code lowcode.ops.deployment-health.*}). */
@ConfigMapping(prefix = "lowcode.ops.deployment-health")
public interface DeploymentHealthConfig {

    /** Only executions started this recently (and after the deployment) count: health is about now. */
    @WithDefault("1H")
    Duration window();

    /** Below this many finished executions (completed or failed) in the window the status is NO_DATA. */
    @WithDefault("10")
    int minFinished();

    /** A success rate below this is DEGRADED. */
    @WithDefault("0.95")
    double degradedBelow();

    /** A success rate below this is FAILING. */
    @WithDefault("0.80")
    double failingBelow();

    /** A 95th percentile duration of completed executions above this is DEGRADED too. */
    @WithDefault("30S")
    Duration slowP95();
}
