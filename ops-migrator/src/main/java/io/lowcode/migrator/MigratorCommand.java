package io.lowcode.migrator;

import io.lowcode.migrator.cli.BackupCommand;
import io.lowcode.migrator.cli.BenchmarkCommand;
import io.lowcode.migrator.cli.CheckCommand;
import io.lowcode.migrator.cli.MigrateCommand;
import io.lowcode.migrator.cli.PauseCommand;
import io.lowcode.migrator.cli.PlanCommand;
import io.lowcode.migrator.cli.ReportCommand;
import io.lowcode.migrator.cli.RestoreCommand;
import io.lowcode.migrator.cli.ResumeCommand;
import io.lowcode.migrator.cli.RollbackCommand;
import io.lowcode.migrator.cli.SmokeCommand;
import io.lowcode.migrator.cli.StatusCommand;
import io.lowcode.migrator.cli.ValidateCommand;
import io.lowcode.migrator.cli.VerifyRollbackCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code ops-migrator <command>}: see {@code --help} and src-docs/ops-migrator.md. */
@TopCommand
@Command(name = "ops-migrator", mixinStandardHelpOptions = true,
        description = { "Brings the platform's PostgreSQL schemas and data to a release, and back.",
                "Database: QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD;"
                        + " Kafka (check only): KAFKA_BOOTSTRAP_SERVERS; services (check only):"
                        + " LOWCODE_MIGRATOR_SERVICES=name=url,...; smoke: LOWCODE_MIGRATOR_SMOKE_USERNAME/_PASSWORD;"
                        + " backups before breaking releases: LOWCODE_MIGRATOR_BACKUP_DIRECTORY" },
        subcommands = { StatusCommand.class, PlanCommand.class, CheckCommand.class, MigrateCommand.class,
                PauseCommand.class, ResumeCommand.class, RollbackCommand.class, VerifyRollbackCommand.class,
                ValidateCommand.class, ReportCommand.class, BackupCommand.class, RestoreCommand.class, SmokeCommand.class,
                BenchmarkCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:a migration, rollback, validation or check failed",
                "2:bad usage (unknown command or option)", "3:paused at a batch boundary (`resume` continues)",
                "4:another migrator is running (nothing done)",
                "5:refused before any change (plan invalid, unknown target, data loss not allowed)" })
public class MigratorCommand {
}
