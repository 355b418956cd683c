package io.lowcode.migrator;

import java.util.Map;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import io.quarkus.logging.Log;
import picocli.CommandLine.Command;

/** {@code migrate}: applies every module's pending scripts, schema by schema; stops at the first failure. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Applies the pending schema scripts of every module (workstation, admin_center, portal).")
public class MigrateCommand implements Callable<Integer> {

    private final ModuleSchemas schemas;

    public MigrateCommand(ModuleSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public Integer call() {
        for (Map.Entry<String, Flyway> e : schemas.all().entrySet()) {
            try {
                MigrateResult result = e.getValue().migrate();
                System.out.printf("%-14s %s -> %s (%d script%s applied)%n", e.getKey(),
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                        result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                        result.migrationsExecuted, result.migrationsExecuted == 1 ? "" : "s");
            } catch (RuntimeException failure) {
                Log.errorf(failure, "migration of schema %s failed", e.getKey());
                System.err.printf("ops-migrator: migration of schema %s failed: %s%n", e.getKey(), failure.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
