package io.lowcode.migrator;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/**
 * {@code ops-migrator <command>}. Exit codes: 0 done, 1 a migration or check failed, 2 bad usage.
 */
@TopCommand
@Command(name = "ops-migrator", mixinStandardHelpOptions = true,
        description = "Brings every module's PostgreSQL schema to the version this release needs.",
        subcommands = { StatusCommand.class, MigrateCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:a migration or check failed", "2:bad usage" })
public class MigratorCommand {
}
