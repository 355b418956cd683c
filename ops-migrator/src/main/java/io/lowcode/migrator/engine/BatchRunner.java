package io.lowcode.migrator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import io.lowcode.migrator.data.BatchedMigration;
import io.lowcode.migrator.data.BatchedMigration.InvalidRowException;
import io.quarkus.logging.Log;

/**
 * Runs a {@link BatchedMigration} in keyset batches: each batch is one short transaction with
 * {@code lock_timeout} and {@code statement_timeout}, changes the rows of one primary-key range and writes
 * the checkpoint in the same transaction, so a crash resumes after the last committed batch. Before each
 * batch it honours a pause request; it slows down to {@code --max-rate} and backs off while other sessions
 * wait for locks. Lock and statement timeouts are retried a few times with a growing pause.
 */
public final class BatchRunner {

    /** How a run ended: done, or paused at a batch boundary (asked to, or at a resource limit) with the reason. */
    public record Outcome(boolean paused, String reason) {

        public static final Outcome COMPLETED = new Outcome(false, null);

        static Outcome paused(String reason) {
            return new Outcome(true, reason);
        }
    }

    /**
     * @param maxRate          rows per second at most, 0 for no limit
     * @param loadThreshold    back off while more than this many other sessions are active in the database
     * @param honourPause      whether the pause flag stops the run (migrate: yes, rollback: no)
     */
    public record Options(int batchSize, double maxRate, Duration lockTimeout, Duration statementTimeout,
            int maxRetries, int loadThreshold, boolean honourPause) {

        public static Options defaults() {
            return new Options(10_000, 0, Duration.ofSeconds(2), Duration.ofSeconds(60), 5, 32, true);
        }

        public Options withBatchSize(int n) {
            return new Options(n, maxRate, lockTimeout, statementTimeout, maxRetries, loadThreshold, honourPause);
        }

        public Options withMaxRate(double r) {
            return new Options(batchSize, r, lockTimeout, statementTimeout, maxRetries, loadThreshold, honourPause);
        }

        public Options withoutPause() {
            return new Options(batchSize, maxRate, lockTimeout, statementTimeout, maxRetries, loadThreshold, false);
        }
    }

    /** Lock timeout, statement timeout, serialization failure, deadlock: worth another try. */
    private static final Set<String> TRANSIENT = Set.of("55P03", "57014", "40001", "40P01");
    private static final long LOAD_CHECK_NANOS = 1_000_000_000L;

    private final DataSource dataSource;
    private final EngineState state;
    private final Progress progress;
    private final ResourceWatch watch;

    public BatchRunner(DataSource dataSource, EngineState state, Progress progress, ResourceWatch watch) {
        this.dataSource = dataSource;
        this.state = state;
        this.progress = progress;
        this.watch = watch;
    }

    public Outcome run(long runId, long stepRunId, String stepId, String direction, BatchedMigration m, Options o)
            throws SQLException, InterruptedException {
        String table = m.qualifiedTable();
        String key = m.key();
        var checkpoint = state.checkpoint(stepId, direction);
        long lastKey;
        long done;
        Long resumedFrom = null;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long total;
            try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(min(" + key + ") - 1, 0) FROM " + table)) {
                rs.next();
                total = rs.getLong(1);
                lastKey = rs.getLong(2);
            }
            done = 0;
            if (checkpoint.isPresent()) {
                lastKey = checkpoint.get().lastKey();
                done = checkpoint.get().rowsDone();
                resumedFrom = lastKey;
                progress.say("%s: resuming from key %d (%,d of %,d rows done before)", stepId, lastKey, done, total);
            }
            state.stepProgress(stepRunId, done, total, 0, resumedFrom);
            c.setAutoCommit(false);
            String upperSql = "SELECT " + key + " FROM " + table + " WHERE " + key + " > ? ORDER BY " + key
                    + " OFFSET ? LIMIT 1";
            String lastSql = "SELECT max(" + key + "), count(*) FROM " + table + " WHERE " + key + " > ?";
            String timeouts = "SELECT set_config('lock_timeout', '" + o.lockTimeout().toMillis() + "ms', true),"
                    + " set_config('statement_timeout', '" + o.statementTimeout().toMillis() + "ms', true),"
                    + " set_config('" + ChangeLog.OWN_WRITE + "', 'on', true)";
            long started = System.nanoTime();
            long doneAtStart = done;
            long lastLoadCheck = 0;
            long lastState = System.nanoTime();
            boolean first = true;
            while (true) {
                // a resource limit pauses a migration; the way back of a rollback only warns (it must finish)
                Optional<String> limit = watch.check(c, first);
                first = false;
                String pause = !o.honourPause() ? null : state.pauseRequested(c) ? "pause requested"
                        : limit.map(l -> "resource limit: " + l).orElse(null);
                if (pause != null) {
                    c.rollback();
                    state.stepProgress(stepRunId, done, total, rate(done - doneAtStart, started), resumedFrom);
                    progress.rows(stepId, done, total, 0, true);
                    progress.say("%s: paused at key %d (%,d of %,d rows), %s; `resume` continues from here", stepId,
                            lastKey, done, total, pause);
                    return Outcome.paused(pause);
                }
                long upper;
                long inBatch;
                int attempt = 0;
                while (true) {
                    try {
                        try (Statement t = c.createStatement()) {
                            t.execute(timeouts);
                        }
                        Long found = null;
                        try (PreparedStatement ps = c.prepareStatement(upperSql)) {
                            ps.setLong(1, lastKey);
                            ps.setLong(2, o.batchSize() - 1);
                            try (ResultSet rs = ps.executeQuery()) {
                                if (rs.next()) {
                                    found = rs.getLong(1);
                                }
                            }
                        }
                        if (found != null) {
                            upper = found;
                            inBatch = o.batchSize();
                        } else {
                            try (PreparedStatement ps = c.prepareStatement(lastSql)) {
                                ps.setLong(1, lastKey);
                                try (ResultSet rs = ps.executeQuery()) {
                                    rs.next();
                                    upper = rs.getLong(1);
                                    inBatch = rs.getLong(2);
                                }
                            }
                            if (inBatch == 0) {
                                c.commit();
                                double rate = rate(done - doneAtStart, started);
                                state.stepProgress(stepRunId, done, total, rate, resumedFrom);
                                progress.rows(stepId, done, Math.max(done, total), rate, true);
                                return Outcome.COMPLETED;
                            }
                        }
                        m.apply(c, lastKey, upper);
                        EngineState.saveCheckpoint(c, stepId, direction, upper, done + inBatch, Math.max(total, done + inBatch), runId);
                        c.commit();
                        break;
                    } catch (InvalidRowException e) {
                        c.rollback();
                        throw e;
                    } catch (SQLException e) {
                        c.rollback();
                        if (!TRANSIENT.contains(e.getSQLState()) || ++attempt > o.maxRetries()) {
                            throw e;
                        }
                        Log.warnf("%s: batch after key %d failed (%s), retry %d of %d", stepId, lastKey, e.getMessage(),
                                attempt, o.maxRetries());
                        Thread.sleep(200L * attempt);
                    }
                }
                lastKey = upper;
                done += inBatch;
                double rate = rate(done - doneAtStart, started);
                progress.rows(stepId, done, Math.max(total, done), rate, false);
                if (System.nanoTime() - lastState > LOAD_CHECK_NANOS) {
                    lastState = System.nanoTime();
                    state.stepProgress(stepRunId, done, total, rate, resumedFrom);
                }
                if (o.maxRate() > 0) {
                    long dueNanos = (long) ((done - doneAtStart) / o.maxRate() * 1e9);
                    long ahead = dueNanos - (System.nanoTime() - started);
                    if (ahead > 0) {
                        Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                    }
                }
                if (System.nanoTime() - lastLoadCheck > LOAD_CHECK_NANOS) {
                    lastLoadCheck = System.nanoTime();
                    backOffUnderLoad(c, o);
                }
            }
        }
    }

    /** Sessions waiting for a lock, or more active sessions than the threshold: give them room. */
    private void backOffUnderLoad(Connection c, Options o) throws SQLException, InterruptedException {
        for (int round = 0; round < 20; round++) {
            long waiting;
            long active;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), count(*) FILTER (WHERE state = 'active')
                    FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()""")) {
                rs.next();
                waiting = rs.getLong(1);
                active = rs.getLong(2);
            }
            c.commit();
            if (waiting == 0 && active <= o.loadThreshold()) {
                return;
            }
            Log.debugf("backing off: %d session(s) wait for locks, %d active", waiting, active);
            Thread.sleep(50);
        }
    }

    private static double rate(long rows, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }
}
