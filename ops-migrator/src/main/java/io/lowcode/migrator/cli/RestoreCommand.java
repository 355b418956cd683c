package io.lowcode.migrator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.lowcode.migrator.backup.DatabaseBackups;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorLock;
import io.lowcode.migrator.engine.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code restore}: a backup into an empty database. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Restores a backup written by `backup` (or by `migrate` before a breaking release) into the"
                + " configured database, which must be empty (its schemas may exist without tables). One transaction:"
                + " it commits only when every table's row count and checksum and every schema's shape equal the"
                + " manifest. Exit 5 when the database is not empty." })
public class RestoreCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "DIR", required = true, description = "the backup directory (with manifest.json)")
    Path from;

    private final Cli cli;
    private final DatabaseBackups backups;

    public RestoreCommand(Cli cli, DatabaseBackups backups) {
        this.cli = cli;
        this.backups = backups;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            try (MigratorLock lock = MigratorLock.acquire(cli.dataSource(), "restore")) {
                backups.restorer().restore(cli.dataSource(), from, Progress.forConsole(null));
                return ExitCodes.OK;
            }
        });
    }
}
