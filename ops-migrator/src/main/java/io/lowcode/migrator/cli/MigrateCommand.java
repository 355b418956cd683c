package io.lowcode.migrator.cli;

import java.util.List;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.engine.BatchRunner;
import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.MigratorLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate}: every pending step up to the target release, under the migrator lock. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Brings the platform to a release: per release backup (a complete database backup before a"
                + " breaking release, a copy of the tables it transforms) -> schema DDL -> data -> configuration"
                + " -> validation. A failed step rolls its release back (or stays resumable, as the step declares).",
                "Resumes an interrupted or paused run from its last checkpoint." })
public class MigrateCommand implements Callable<Integer> {

    @Option(names = "--target", paramLabel = "VERSION", description = "release to reach (default: the newest bundled)")
    String target;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10000",
            description = "rows per data-migration batch (one short transaction each; default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--max-rate", paramLabel = "R", defaultValue = "0",
            description = "at most R rows per second in data migrations (0: no limit; default ${DEFAULT-VALUE})")
    double maxRate;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "where the database backup before a breaking"
            + " release goes (default: lowcode.migrator.backup.directory, LOWCODE_MIGRATOR_BACKUP_DIRECTORY)")
    Path backupDir;

    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "rewrite FILE with Prometheus gauges (progress, rows/s, ETA, status) as the run goes")
    Path metricsFile;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "serve the --metrics-file at http://<host>:PORT/metrics while the run lasts (Prometheus)")
    Integer metricsPort;

    private final Cli cli;

    public MigrateCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            try (MetricsEndpoint metrics = MetricsEndpoint.serve(metricsPort, metricsFile);
                    MigratorLock lock = MigratorLock.acquire(cli.dataSource(), "migrate")) {
                Engine engine = backupDir == null ? cli.engine(metricsFile) : cli.engine(metricsFile, backupDir);
                int code = engine.migrate(target, options(batchSize, maxRate));
                engine.state().grantReaders(cli.config().stateReaders().orElse(List.of()), ModuleSchemas.NAMES);
                return code;
            }
        });
    }

    static BatchRunner.Options options(int batchSize, double maxRate) {
        if (batchSize < 1) {
            throw new io.lowcode.migrator.engine.MigratorException("--batch-size must be at least 1",
                    io.lowcode.migrator.engine.ExitCodes.USAGE);
        }
        return BatchRunner.Options.defaults().withBatchSize(batchSize).withMaxRate(maxRate);
    }
}
