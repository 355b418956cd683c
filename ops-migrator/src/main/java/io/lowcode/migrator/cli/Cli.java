package io.lowcode.migrator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

import io.lowcode.migrator.MigratorConfig;
import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.backup.DatabaseBackups;
import io.lowcode.migrator.engine.Db;
import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorException;
import io.lowcode.migrator.engine.Progress;
import io.lowcode.migrator.engine.ResourceWatch;
import io.lowcode.migrator.release.ReleaseCatalog;
import io.quarkus.logging.Log;

/** What every command needs: the platform database, the bundled releases, and one way to end with a code. */
@ApplicationScoped
public class Cli {

    private final DataSource dataSource;
    private final ModuleSchemas schemas;
    private final MigratorConfig config;
    private final DatabaseBackups backups;

    public Cli(DataSource dataSource, ModuleSchemas schemas, MigratorConfig config, DatabaseBackups backups) {
        this.dataSource = dataSource;
        this.schemas = schemas;
        this.config = config;
        this.backups = backups;
    }

    public MigratorConfig config() {
        return config;
    }

    public Db db() {
        return new Db("platform", dataSource, schemas);
    }

    public ModuleSchemas schemas() {
        return schemas;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public ReleaseCatalog catalog() {
        return ReleaseCatalog.platform();
    }

    public Engine engine(Path metricsFile) {
        return engine(metricsFile, config.backup().directory());
    }

    /** The engine on the platform's database; before a breaking release it writes a backup under {@code backupRoot}. */
    public Engine engine(Path metricsFile, Path backupRoot) {
        return new Engine(db(), catalog(), Progress.forConsole(metricsFile), ResourceWatch.Limits.of(config.resources()),
                (engine, runId, release) -> {
                    Path dir = backups.directoryFor(engine, backupRoot, runId, release.version());
                    backups.take(engine, dir, config.backup().verify(), runId, release.version(), engine.progress());
                    return dir;
                });
    }

    /** Runs a command body: a {@link MigratorException} becomes one line on stderr and its exit code. */
    public static int run(Callable<Integer> body) {
        try {
            return body.call();
        } catch (MigratorException e) {
            System.err.println("ops-migrator: " + e.getMessage());
            Log.debug("failure", e);
            return e.exitCode();
        } catch (Exception e) {
            Log.error("ops-migrator failed", e);
            System.err.println("ops-migrator: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
