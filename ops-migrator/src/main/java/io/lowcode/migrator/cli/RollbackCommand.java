package io.lowcode.migrator.cli;

import java.util.concurrent.Callable;

import io.lowcode.migrator.engine.MigratorLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rollback}: each step's way back, newest release first, then verification. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Rolls the platform back to a release: runs each step's way back (down scripts, backward data"
                + " migrations, previous configuration values), newest first, and verifies each release: schema as"
                + " before it, backed-up tables identical to their backup, no orphans. With --restore-backup, tables whose"
                + " rows changed since the backup are restored from it (the way back of last resort)." })
public class RollbackCommand implements Callable<Integer> {

    @Option(names = "--to", paramLabel = "VERSION", description = "release to return to (default: the one before the current)")
    String to;

    @Option(names = "--allow-data-loss", description = "allow dropping tables that hold rows (a release that created them)")
    boolean allowDataLoss;

    @Option(names = "--restore-backup", description = "after the way back, restore from the backup taken before the"
            + " release every table whose rows differ from it (writes made since are lost)")
    boolean restoreBackup;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10000", description = "rows per batch of a backward data migration")
    int batchSize;

    @Option(names = "--max-rate", paramLabel = "R", defaultValue = "0",
            description = "at most R rows per second in backward data migrations (0: no limit)")
    double maxRate;

    private final Cli cli;

    public RollbackCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            try (MigratorLock lock = MigratorLock.acquire(cli.dataSource(), "rollback")) {
                return cli.engine(null).rollback(to, allowDataLoss, restoreBackup, MigrateCommand.options(batchSize, maxRate));
            }
        });
    }
}
