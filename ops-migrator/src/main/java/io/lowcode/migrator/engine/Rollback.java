package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lowcode.migrator.release.Release;
import io.lowcode.migrator.release.ReleaseCatalog;
import io.lowcode.migrator.release.SchemaStep;
import io.lowcode.migrator.release.Step;
import io.lowcode.migrator.validate.Checksums;
import io.quarkus.logging.Log;

/**
 * The way back: of a release whose step or validation failed during {@code migrate}, and {@code rollback} to an
 * earlier release. Each release's steps are reverted newest first, and the release is verified by
 * {@link ReleaseChecks#afterRollback} (schema as before, every row back in its old form, rows nobody wrote since equal
 * to the backup, no orphans).
 */
final class Rollback {

    private final Engine engine;
    private final Db db;
    private final EngineState state;
    private final ReleaseCatalog catalog;
    private final Progress progress;
    private final StepExecutor executor;
    private final ReleaseChecks checks;

    Rollback(Engine engine, StepExecutor executor, ReleaseChecks checks) {
        this.engine = engine;
        this.db = engine.db();
        this.state = engine.state();
        this.catalog = engine.catalog();
        this.progress = engine.progress();
        this.executor = executor;
        this.checks = checks;
    }

    /** After a failed step or validation during migrate: the release's way back, verified; always exit 1. */
    int afterFailure(Release release, long runId, String reason, BatchRunner.Options options) {
        progress.say("rolling back release %s", release.version());
        try {
            Map<String, EngineState.BackupInfo> copies = checks.beforeRollback(release, runId, this::partlyApplied);
            revert(release, runId, options);
            List<String> problems = checks.afterRollback(release, copies);
            if (!problems.isEmpty()) {
                state.endRun(runId, "FAILED", reason + "; rollback verification: " + String.join("; ", problems));
                progress.say("rollback of %s could not be verified: %s", release.version(), String.join("; ", problems));
                return ExitCodes.FAILED;
            }
            checks.rolledBack(release, copies);
            state.endRun(runId, "ROLLED_BACK", reason);
            progress.status("run", Long.toString(runId), "ROLLED_BACK");
            progress.say("release %s rolled back; verified: schema as before, every row back in its old form, rows"
                    + " nobody wrote since equal to the backup", release.version());
        } catch (Exception e) {
            Log.errorf(e, "rollback of %s failed", release.version());
            state.endRun(runId, "FAILED", reason + "; rollback failed: " + Engine.reason(e));
            progress.say("rollback of %s FAILED: %s", release.version(), Engine.reason(e));
        }
        return ExitCodes.FAILED;
    }

    /** Runs the way back of every applied (or partly applied) step of {@code release}, last first. */
    private void revert(Release release, long runId, BatchRunner.Options options)
            throws Exception {
        List<Step> steps = new ArrayList<>(release.steps());
        Collections.reverse(steps);
        for (Step step : steps) {
            Set<String> applied = state.appliedSteps();
            if (!executor.isPartlyApplied(step, applied)) {
                continue;
            }
            long stepRunId = state.startStep(runId, release.version(), step.id(), step.kind().name(), StepExecutor.DOWN);
            try {
                executor.revert(release, step, runId, stepRunId, options);
                state.endStep(stepRunId, "SUCCEEDED", null);
            } catch (Exception e) {
                state.endStep(stepRunId, "FAILED", Engine.reason(e));
                throw e;
            }
        }
    }

    /** {@code rollback}: the releases after {@code toVersion}, newest first, each verified. */
    int to(String toVersion, boolean allowDataLoss, boolean restoreBackups, BatchRunner.Options options)
            throws Exception {
        engine.checkVersionsKnown();
        state.ensureSchema();
        state.markInterrupted();
        String current = engine.platformRelease();
        Release to = toVersion == null ? previous(current) : engine.resolve(toVersion);
        Set<String> applied = state.appliedSteps();
        List<Release> toRevert = new ArrayList<>();
        for (Release r : catalog.releases()) {
            if (catalog.indexOf(r.version()) > catalog.indexOf(to.version())
                    && r.steps().stream().anyMatch(s -> executor.isPartlyApplied(s, applied))) {
                toRevert.add(0, r);
            }
        }
        if (toRevert.isEmpty()) {
            progress.say("the platform is at %s: nothing to roll back to %s", current, to.version());
            return ExitCodes.OK;
        }
        Map<String, Long> lost = new LinkedHashMap<>();
        for (Release r : toRevert) {
            for (Step s : r.steps()) {
                if (s instanceof SchemaStep ss && executor.isPartlyApplied(s, applied)) {
                    for (String table : ss.dropsTablesOnRollback()) {
                        long rows = state.queryLong("SELECT count(*) FROM " + ss.schema() + "." + table);
                        if (rows > 0) {
                            lost.put(ss.schema() + "." + table, rows);
                        }
                    }
                }
            }
        }
        if (!lost.isEmpty() && !allowDataLoss) {
            throw new MigratorException("rolling back to " + to.version() + " drops tables that hold rows " + lost
                    + ": add --allow-data-loss if that is intended", ExitCodes.REFUSED);
        }
        long runId = state.startRun("rollback", current, to.version());
        progress.say("run %d: rollback %s -> %s", runId, current, to.version());
        for (Release r : toRevert) {
            progress.say("rolling back release %s", r.version());
            Map<String, EngineState.BackupInfo> copies;
            try {
                copies = new LinkedHashMap<>(checks.beforeRollback(r, runId, this::partlyApplied));
                revert(r, runId, options);
            } catch (Exception e) {
                state.endRun(runId, "FAILED", "way back of " + r.version() + " failed: " + Engine.reason(e));
                throw new MigratorException("rollback of " + r.version() + " failed: " + Engine.reason(e), e);
            }
            if (restoreBackups) {
                try (Connection c = db.connect()) {
                    for (EngineState.BackupInfo b : state.backupsBefore(r.version())) {
                        if (!Checksums.table(c, b.source()).equals(b.checksum())) {
                            Backup.restore(db, progress, b);
                            // its rows are the backup's now, by choice: the way back's result is not what counts
                            copies.remove(b.source());
                        }
                    }
                }
            }
            List<String> problems = checks.afterRollback(r, copies);
            if (!problems.isEmpty()) {
                state.endRun(runId, "FAILED", "rollback verification of " + r.version() + ": " + String.join("; ", problems));
                throw new MigratorException("rolled back " + r.version() + " but verification failed: "
                        + String.join("; ", problems) + (restoreBackups ? "" : " (compare with the backup, or restore it"
                                + " with --restore-backup)"), ExitCodes.FAILED);
            }
            checks.rolledBack(r, copies);
            progress.say("release %s rolled back and verified", r.version());
        }
        state.endRun(runId, "SUCCEEDED", null);
        progress.say("run %d: the platform is at %s", runId, engine.platformRelease());
        return ExitCodes.OK;
    }

    private boolean partlyApplied(Step step) {
        return executor.isPartlyApplied(step, state.appliedSteps());
    }

    private Release previous(String current) {
        int i = catalog.indexOf(current);
        if (i <= 0) {
            throw new MigratorException("the platform is at " + current + ": there is no earlier release to roll back to",
                    ExitCodes.REFUSED);
        }
        return catalog.releases().get(i - 1);
    }
}
