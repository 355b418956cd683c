package io.lowcode.migrator.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.release.Compatibility;
import io.lowcode.migrator.release.DataStep;
import io.lowcode.migrator.release.Release;
import io.lowcode.migrator.release.ReleaseCatalog;
import io.lowcode.migrator.release.ReleaseVerifier;
import io.lowcode.migrator.release.Step;
import io.lowcode.migrator.validate.Checksums;
import io.lowcode.migrator.validate.Validator;
import io.quarkus.logging.Log;

/**
 * Migrate and roll back, release by release: per release a schema snapshot and backups, then its steps in
 * order (schema DDL through Flyway, batched data migrations, configuration), then validation. A failed step
 * rolls the release back (or stays resumable, as the step declares); every run and step is recorded in
 * {@code ops_migrator}. The caller holds the {@link MigratorLock}.
 */
public final class Engine {

    public static final String NONE = "none";

    private final Db db;
    private final EngineState state;
    private final ReleaseCatalog catalog;
    private final Progress progress;
    private final StepExecutor executor;
    private final ReleaseChecks checks;
    private final Rollback rollback;
    private final ResourceWatch watch;
    private final DatabaseBackupStep databaseBackup;

    /** An engine that takes no database backup (scratch databases, benchmarks). */
    public Engine(Db db, ReleaseCatalog catalog, Progress progress, ResourceWatch.Limits limits) {
        this(db, catalog, progress, limits, null);
    }

    /** @param databaseBackup taken before each breaking release (null: none) */
    public Engine(Db db, ReleaseCatalog catalog, Progress progress, ResourceWatch.Limits limits,
            DatabaseBackupStep databaseBackup) {
        this.databaseBackup = databaseBackup;
        this.db = db;
        this.state = new EngineState(db.dataSource());
        this.catalog = catalog;
        this.progress = progress;
        this.watch = new ResourceWatch(limits, progress);
        this.executor = new StepExecutor(db, state, progress, watch);
        this.checks = new ReleaseChecks(db, state, progress);
        this.rollback = new Rollback(this, executor, checks);
    }

    ReleaseCatalog catalog() {
        return catalog;
    }

    /** Rolls the platform back to {@code toVersion} (null: the release before the current), verified release by release. */
    public int rollback(String toVersion, boolean allowDataLoss, BatchRunner.Options options) throws Exception {
        return rollback.to(toVersion, allowDataLoss, false, options);
    }

    /** @param restoreBackups after the way back, put back the backup of each table whose rows differ from it */
    public int rollback(String toVersion, boolean allowDataLoss, boolean restoreBackups, BatchRunner.Options options)
            throws Exception {
        return rollback.to(toVersion, allowDataLoss, restoreBackups, options);
    }

    public EngineState state() {
        return state;
    }

    public Db db() {
        return db;
    }

    public Progress progress() {
        return progress;
    }

    /** The newest release whose steps, and those of every release before it, are all applied. */
    public String platformRelease() {
        Set<String> applied = state.appliedSteps();
        String current = NONE;
        for (Release r : catalog.releases()) {
            if (!r.steps().stream().allMatch(s -> executor.isApplied(s, applied))) {
                break;
            }
            current = r.version();
        }
        return current;
    }

    /** Steps not applied yet of the releases up to {@code target}, in order. */
    public List<Map.Entry<Release, Step>> pending(String target) {
        Set<String> applied = state.appliedSteps();
        List<Map.Entry<Release, Step>> pending = new ArrayList<>();
        for (Release r : catalog.releases()) {
            for (Step s : r.steps()) {
                if (!executor.isApplied(s, applied)) {
                    pending.add(Map.entry(r, s));
                }
            }
            if (r.version().equals(target)) {
                break;
            }
        }
        return pending;
    }

    public Release resolve(String version) {
        if (version == null) {
            return catalog.latest();
        }
        return catalog.find(version).orElseThrow(() -> new MigratorException("unknown release " + version
                + " (this migrator knows " + String.join(", ", catalog.releases().stream().map(Release::version).toList())
                + ")", ExitCodes.REFUSED));
    }

    /** Refuses a database that is ahead of this migrator, or has failed Flyway rows. */
    public void checkVersionsKnown() {
        Map<String, Integer> bundled = catalog.schemaVersionsAt(catalog.latest().version());
        for (String schema : ModuleSchemas.NAMES) {
            int v = db.version(schema);
            if (v > bundled.getOrDefault(schema, 0)) {
                throw new MigratorException("schema " + schema + " is at version " + v + ", newer than this migrator knows ("
                        + bundled.get(schema) + "): use the migrator of that release", ExitCodes.REFUSED);
            }
            if (db.failedMigrations(schema) > 0) {
                throw new MigratorException("schema " + schema + " has failed Flyway migrations: repair by hand first",
                        ExitCodes.REFUSED);
            }
        }
    }

    public void verifyReleases(String upTo) {
        ReleaseVerifier verifier = new ReleaseVerifier(db, catalog.releases().get(0).version());
        for (Release r : catalog.releases()) {
            ReleaseVerifier.Verdict v = verifier.verify(r);
            if (!v.valid()) {
                throw new MigratorException("release " + r.version() + " refused: " + String.join("; ", v.problems()),
                        ExitCodes.REFUSED);
            }
            if (r.version().equals(upTo)) {
                break;
            }
        }
    }

    public int migrate(String targetVersion, BatchRunner.Options options) throws Exception {
        Release target = resolve(targetVersion);
        checkVersionsKnown();
        verifyReleases(target.version());
        state.ensureSchema();
        if (state.pauseRequested()) {
            // pause is for a running migration; a request left from before (or after a paused run) does not
            // stop this one: `migrate` and `resume` both continue
            state.requestPause(false);
            progress.say("a pause request from before this run was cleared");
        }
        int interrupted = state.markInterrupted();
        if (interrupted > 0) {
            progress.say("an earlier run was interrupted; continuing where it stopped");
        }
        String current = platformRelease();
        List<Map.Entry<Release, Step>> pending = pending(target.version());
        if (pending.isEmpty()) {
            if (catalog.indexOf(current) > catalog.indexOf(target.version())) {
                throw new MigratorException("the platform is at " + current + ", after " + target.version()
                        + ": use rollback --to " + target.version(), ExitCodes.REFUSED);
            }
            progress.say("the platform is at %s: nothing to migrate", current);
            return ExitCodes.OK;
        }
        long runId = state.startRun("migrate", current, target.version());
        progress.status("run", Long.toString(runId), "RUNNING");
        progress.say("run %d: migrate %s -> %s (%d step%s)", runId, current, target.version(), pending.size(),
                pending.size() == 1 ? "" : "s");
        Set<Release> releases = new LinkedHashSet<>();
        pending.forEach(e -> releases.add(e.getKey()));
        for (Release release : releases) {
            int code = migrateRelease(release, runId, options);
            if (code != ExitCodes.OK) {
                return code;
            }
        }
        state.endRun(runId, "SUCCEEDED", null);
        progress.status("run", Long.toString(runId), "SUCCEEDED");
        progress.say("run %d: the platform is at %s", runId, platformRelease());
        return ExitCodes.OK;
    }

    private int migrateRelease(Release release, long runId, BatchRunner.Options options) throws Exception {
        Set<String> applied = state.appliedSteps();
        boolean fresh = release.steps().stream().noneMatch(s -> executor.isPartlyApplied(s, applied));
        if (fresh) {
            try (Connection c = db.connect()) {
                for (String schema : ReleaseChecks.touchedSchemas(release)) {
                    state.saveSnapshot(runId, release.version(), schema, Checksums.schema(c, schema));
                }
            }
            if (release.declared() == Compatibility.BREAKING && databaseBackup != null) {
                Path where = databaseBackup.take(this, runId, release);
                progress.say("database backup before %s: %s (to restore: ops-migrator restore --from %s, into an empty"
                        + " database)", release.version(), where, where);
            }
            Backup.take(db, state, progress, runId, release.version(), Backup.RELEASE, release.backupTables());
        }
        progress.say("release %s (%s): %s", release.version(), release.declared().label(), release.summary());
        for (Step step : release.steps()) {
            if (executor.isApplied(step, state.appliedSteps())) {
                continue;
            }
            long stepRunId = state.startStep(runId, release.version(), step.id(), step.kind().name(), StepExecutor.UP);
            progress.status("step", step.id(), "RUNNING");
            watch.startStep();
            try {
                BatchRunner.Outcome outcome = executor.apply(release, step, runId, stepRunId, options);
                recordResources(stepRunId);
                if (outcome.paused()) {
                    state.endStep(stepRunId, "PAUSED", outcome.reason());
                    state.endRun(runId, "PAUSED", "paused during " + step.id() + ": " + outcome.reason());
                    progress.status("step", step.id(), "PAUSED");
                    progress.status("run", Long.toString(runId), "PAUSED");
                    return ExitCodes.PAUSED;
                }
                state.endStep(stepRunId, "SUCCEEDED", null);
                progress.status("step", step.id(), "SUCCEEDED");
            } catch (Exception failure) {
                recordResources(stepRunId);
                String reason = reason(failure);
                Log.errorf(failure, "step %s failed", step.id());
                state.endStep(stepRunId, "FAILED", reason);
                progress.status("step", step.id(), "FAILED");
                progress.say("%s FAILED: %s", step.id(), reason);
                if (step instanceof DataStep d && d.onFailure() == DataStep.OnFailure.RESUMABLE) {
                    state.endRun(runId, "FAILED_RESUMABLE", step.id() + ": " + reason);
                    progress.say("the step stays at its checkpoint: fix the cause and run migrate again to resume");
                    return ExitCodes.FAILED;
                }
                return rollback.afterFailure(release, runId, step.id() + " failed: " + reason, options);
            }
        }
        try (Connection c = db.connect()) {
            Validator.Result result = Validator.validate(c, catalog.rulesAt(release.version()))
                    .with(checks.afterRelease(c, release));
            result.checks().stream().filter(ch -> ch.passed() && ch.name().startsWith("transformed "))
                    .forEach(ch -> progress.say("  %s: %s", ch.name(), ch.detail()));
            if (!result.passed()) {
                String reason = "validation failed: " + String.join("; ", result.failures().stream()
                        .map(f -> f.name() + " (" + f.detail() + ")").toList());
                progress.say("release %s: %s", release.version(), reason);
                return rollback.afterFailure(release, runId, reason, options);
            }
            progress.say("release %s validated: %d check(s) passed", release.version(), result.checks().size());
        }
        return ExitCodes.OK;
    }

    /** A last look at the resources for the step's history (a failure to look is not the step's failure). */
    private void recordResources(long stepRunId) {
        try (Connection c = db.connect()) {
            watch.check(c, true);
            state.stepResources(stepRunId, watch.peaks());
        } catch (Exception e) {
            Log.warnf("cannot record the resources of step run %d: %s", stepRunId, reason(e));
        }
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() != null && t.getMessage().equals(t.getCause().toString())) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
