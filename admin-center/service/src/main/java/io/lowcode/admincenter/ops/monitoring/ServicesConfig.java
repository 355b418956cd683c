package io.lowcode.admincenter.ops.monitoring;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * Where the event-flow view reads the other services' numbers ({@code lowcode.ops.services.*}): the base URL of each
 * service's management interface, whose {@code /q/metrics} is scraped every sampling interval. The admin center reads
 * its own registry and needs no entry. Environment: {@code LOWCODE_OPS_SERVICES_PORTAL_URL=http://portal:9083}.
 */
@ConfigMapping(prefix = "lowcode.ops.services")
public interface ServicesConfig {

    /** Services by name: {@code lowcode.ops.services.<name>.url}. */
    @WithParentName
    Map<String, Service> services();

    interface Service {
        /** Base URL; {@code /q/metrics} is appended. */
        String url();
    }
}
