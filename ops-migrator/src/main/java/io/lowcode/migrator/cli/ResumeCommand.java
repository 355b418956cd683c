package io.lowcode.migrator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.MigratorLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resume}: clears the pause request and continues the last migration from its checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Clears a pause request and continues the last migrate run towards its target, from the last"
                + " checkpoint (also after the migrator was killed).")
public class ResumeCommand implements Callable<Integer> {

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10000", description = "rows per batch (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--max-rate", paramLabel = "R", defaultValue = "0", description = "rows per second at most (0: no limit)")
    double maxRate;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Prometheus gauges file, as for migrate")
    Path metricsFile;

    private final Cli cli;

    public ResumeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            try (MigratorLock lock = MigratorLock.acquire(cli.dataSource(), "resume")) {
                Engine engine = cli.engine(metricsFile);
                engine.state().ensureSchema();
                engine.state().requestPause(false);
                String target = engine.state().lastMigrateTarget().orElse(null);
                System.out.println("resuming the migration to " + (target == null ? "the newest release" : target));
                return engine.migrate(target, MigrateCommand.options(batchSize, maxRate));
            }
        });
    }
}
