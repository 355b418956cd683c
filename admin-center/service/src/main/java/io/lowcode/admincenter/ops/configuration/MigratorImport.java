package io.lowcode.admincenter.ops.configuration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the migrator's per-environment parameters part of the managed configuration: what a release's configuration
 * step writes to {@code ops_migrator.platform_config} after the newest version that set a parameter becomes a new
 * version (by {@code ops-migrator}); a later change in the console wins until the migrator writes again.
 */
@ApplicationScoped
public class MigratorImport {

    private final MigratorParameters parameters;
    private final ConfigurationService service;

    public MigratorImport(MigratorParameters parameters, ConfigurationService service) {
        this.parameters = parameters;
        this.service = service;
    }

    @Scheduled(every = "${lowcode.ops.configuration.migrator-import-interval:1M}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> importParameters() {
        return parameters.read()
                .flatMap(written -> written.isEmpty() ? service.latest().replaceWithVoid()
                        : service.importFromMigrator(written).invoke(v -> {
                            if (v != null) {
                                Log.infof("configuration version %d: imported the migrator's parameters (%s)",
                                        v.version(), v.reason());
                            }
                        }).replaceWithVoid())
                .onFailure().invoke(f -> Log.warnf("cannot import the migrator's parameters: %s", f.toString()))
                .onFailure().recoverWithNull();
    }
}
