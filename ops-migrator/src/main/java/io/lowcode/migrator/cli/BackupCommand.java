package io.lowcode.migrator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.lowcode.migrator.backup.DatabaseBackups;
import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup}: a complete backup of the platform's schemas, optionally verified by a restore. */
@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Writes a complete backup of the schemas workstation, admin_center, portal and ops_migrator"
                + " (structure from the catalogs, every table's rows through COPY, gzip) with manifest.json: versions,"
                + " per-table row counts and checksums, time, tool. One consistent snapshot: the services may keep"
                + " writing. No pg_dump or other binary.",
                "--verify restores it into a scratch database (needs CREATEDB) and compares." })
public class BackupCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "new or empty directory for the backup")
    Path output;

    @Option(names = "--verify", description = "restore it into a scratch database and compare every table and schema")
    boolean verify;

    private final Cli cli;
    private final DatabaseBackups backups;

    public BackupCommand(Cli cli, DatabaseBackups backups) {
        this.cli = cli;
        this.backups = backups;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            // no migrator changes the schema while the snapshot's structure is read
            try (MigratorLock lock = MigratorLock.acquire(cli.dataSource(), "backup")) {
                Engine engine = cli.engine(null);
                backups.take(engine, output, verify, null, null, engine.progress());
                System.out.printf("restore with: ops-migrator restore --from %s (into an empty database)%n",
                        output.toAbsolutePath());
                return ExitCodes.OK;
            }
        });
    }
}
