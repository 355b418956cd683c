package io.lowcode.migrator.engine;

import java.nio.file.Path;

import io.lowcode.migrator.release.Release;

/** What {@code migrate} does before a breaking release: a complete backup of the database (io.lowcode.migrator.backup). */
@FunctionalInterface
public interface DatabaseBackupStep {

    /** @return where the backup was written */
    Path take(Engine engine, long runId, Release release) throws Exception;
}
