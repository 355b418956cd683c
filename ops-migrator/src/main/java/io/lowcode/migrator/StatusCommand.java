package io.lowcode.migrator;

import java.util.Map;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

import picocli.CommandLine.Command;

/** {@code status}: current and target version of each module schema, and the pending scripts. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows each schema's current version, the version this migrator brings, and what is pending.")
public class StatusCommand implements Callable<Integer> {

    private final ModuleSchemas schemas;

    public StatusCommand(ModuleSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public Integer call() {
        System.out.printf("%-14s %-9s %-9s %s%n", "SCHEMA", "CURRENT", "TARGET", "PENDING");
        for (Map.Entry<String, Flyway> e : schemas.all().entrySet()) {
            MigrationInfoService info = e.getValue().info();
            MigrationInfo current = info.current();
            MigrationInfo[] all = info.all();
            String target = all.length == 0 ? "-" : String.valueOf(all[all.length - 1].getVersion());
            System.out.printf("%-14s %-9s %-9s %d%n", e.getKey(),
                    current == null || current.getVersion() == null ? "none" : current.getVersion(),
                    target, info.pending().length);
        }
        return 0;
    }
}
