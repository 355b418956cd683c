package io.lowcode.migrator.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.lowcode.migrator.MigratorConfig;

/**
 * What a data migration costs the platform, watched while it runs: connections in use against
 * {@code max_connections}, the database's size and the free disk of its volume (where visible from here), and the
 * migrator's own heap. Near a limit it warns once per step with advice; at a hard limit it asks the step to pause
 * (exit 3, {@code resume} continues). Peaks are kept per step for the history ({@code ops_migrator.step_run}).
 */
public final class ResourceWatch {

    /** One look at the resources; {@code freeDiskBytes} is empty when the data directory is not visible from here. */
    public record Sample(long connections, long maxConnections, long databaseBytes, OptionalLong freeDiskBytes,
            long heapUsedBytes, long heapMaxBytes) {

        public String summary() {
            return String.format(Locale.ROOT, "conn %d/%d, db %s, disk %s free, heap %s/%s", connections, maxConnections,
                    mb(databaseBytes), freeDiskBytes.isPresent() ? mb(freeDiskBytes.getAsLong()) : "?", mb(heapUsedBytes),
                    mb(heapMaxBytes));
        }
    }

    /** The limits; ratios of 0 or less, and empty sizes, switch a limit off. */
    public record Limits(Duration interval, double connectionsWarn, double connectionsPause, double heapWarn,
            double heapPause, long diskWarnFreeMb, long diskPauseFreeMb, OptionalLong databaseWarnMb,
            OptionalLong databasePauseMb) {

        public static Limits of(MigratorConfig.Resources r) {
            return new Limits(r.interval(), r.connectionsWarn(), r.connectionsPause(), r.heapWarn(), r.heapPause(),
                    r.diskWarnFreeMb(), r.diskPauseFreeMb(), r.databaseWarnMb(), r.databasePauseMb());
        }

        /** Watch and record, never warn or pause (benchmarks, scratch databases). */
        public static Limits none() {
            return new Limits(Duration.ofSeconds(2), 0, 0, 0, 0, 0, 0, OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /** The worst of each resource seen during one step. */
    public record Peaks(long connections, long maxConnections, long databaseBytes, Long minFreeDiskBytes,
            long heapUsedBytes, long heapMaxBytes) {
    }

    private final Limits limits;
    private final Progress progress;
    private final Set<String> warned = new HashSet<>();
    private Sample last;
    private Peaks peaks;
    private long lastSampleNanos;

    public ResourceWatch(Limits limits, Progress progress) {
        this.limits = limits;
        this.progress = progress;
    }

    /** A new step: peaks and warnings start over. */
    public void startStep() {
        warned.clear();
        peaks = null;
        lastSampleNanos = 0;
    }

    public Peaks peaks() {
        return peaks;
    }

    /**
     * Samples when the interval has passed (or {@code force}), records peaks, shows the sample with the progress,
     * warns near a limit.
     *
     * @return why the step must pause, when a hard limit is reached
     */
    public Optional<String> check(Connection c, boolean force) throws SQLException {
        if (!force && System.nanoTime() - lastSampleNanos < limits.interval().toNanos()) {
            return Optional.empty();
        }
        lastSampleNanos = System.nanoTime();
        Sample s = sample(c);
        last = s;
        peaks = peaks == null
                ? new Peaks(s.connections(), s.maxConnections(), s.databaseBytes(), free(s), s.heapUsedBytes(), s.heapMaxBytes())
                : new Peaks(Math.max(peaks.connections(), s.connections()), s.maxConnections(),
                        Math.max(peaks.databaseBytes(), s.databaseBytes()), minFree(peaks.minFreeDiskBytes(), free(s)),
                        Math.max(peaks.heapUsedBytes(), s.heapUsedBytes()), s.heapMaxBytes());
        progress.resources(s);
        return judge(s);
    }

    public Sample last() {
        return last;
    }

    Optional<String> judge(Sample s) {
        double connections = (double) s.connections() / s.maxConnections();
        String conn = String.format(Locale.ROOT, "connections %d of max_connections %d in use", s.connections(),
                s.maxConnections());
        if (over(connections, limits.connectionsPause())) {
            return Optional.of(conn + " (pause at " + pct(limits.connectionsPause()) + ")");
        }
        if (over(connections, limits.connectionsWarn())) {
            warn("connections", conn + " (warn at " + pct(limits.connectionsWarn()) + "): the platform is near its"
                    + " connection limit; lower the load with --max-rate, or pause and resume when traffic is lower");
        }
        double heap = (double) s.heapUsedBytes() / s.heapMaxBytes();
        String h = "the migrator's heap " + mb(s.heapUsedBytes()) + " of " + mb(s.heapMaxBytes());
        if (over(heap, limits.heapPause())) {
            return Optional.of(h + " (pause at " + pct(limits.heapPause()) + "); resume with a smaller --batch-size"
                    + " or more memory (-Xmx)");
        }
        if (over(heap, limits.heapWarn())) {
            warn("heap", h + " (warn at " + pct(limits.heapWarn()) + "): a smaller --batch-size needs less");
        }
        if (s.freeDiskBytes().isPresent()) {
            long freeMb = s.freeDiskBytes().getAsLong() >> 20;
            String d = freeMb + " MB free on the database's volume";
            if (limits.diskPauseFreeMb() > 0 && freeMb < limits.diskPauseFreeMb()) {
                return Optional.of(d + " (pause below " + limits.diskPauseFreeMb() + " MB): free space first");
            }
            if (limits.diskWarnFreeMb() > 0 && freeMb < limits.diskWarnFreeMb()) {
                warn("disk", d + " (warn below " + limits.diskWarnFreeMb() + " MB): each batch writes new row versions"
                        + " and WAL; free space, or lower --max-rate so autovacuum and checkpoints keep up");
            }
        }
        long dbMb = s.databaseBytes() >> 20;
        if (limits.databasePauseMb().isPresent() && dbMb >= limits.databasePauseMb().getAsLong()) {
            return Optional.of("database " + dbMb + " MB (pause at " + limits.databasePauseMb().getAsLong() + " MB)");
        }
        if (limits.databaseWarnMb().isPresent() && dbMb >= limits.databaseWarnMb().getAsLong()) {
            warn("database", "database " + dbMb + " MB (warn at " + limits.databaseWarnMb().getAsLong() + " MB): old row"
                    + " versions wait for autovacuum; lower --max-rate to give it time");
        }
        return Optional.empty();
    }

    private void warn(String resource, String message) {
        if (warned.add(resource)) {
            progress.say("WARN %s", message);
        }
    }

    /** Connections, database size, free disk (where visible) and this JVM's heap. */
    public static Sample sample(Connection c) throws SQLException {
        long connections;
        long max;
        long size;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
                       current_setting('max_connections')::bigint, pg_database_size(current_database())""")) {
            rs.next();
            connections = rs.getLong(1);
            max = rs.getLong(2);
            size = rs.getLong(3);
        }
        OptionalLong free = freeDisk(c);
        if (!c.getAutoCommit()) {
            c.commit();
        }
        long heapUsed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                // after the last collection: what is really held, not garbage waiting for the next one
                MemoryUsage u = pool.getCollectionUsage() != null ? pool.getCollectionUsage() : pool.getUsage();
                heapUsed += u.getUsed();
            }
        }
        return new Sample(connections, max, size, free, heapUsed, Runtime.getRuntime().maxMemory());
    }

    /** Free space of the database's data directory, when this process can see it (same host, the setting readable). */
    public static OptionalLong freeDisk(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT setting FROM pg_settings WHERE name = 'data_directory'")) {
            if (rs.next() && rs.getString(1) != null) {
                Path dir = Path.of(rs.getString(1));
                if (Files.isDirectory(dir)) {
                    return OptionalLong.of(Files.getFileStore(dir).getUsableSpace());
                }
            }
        } catch (Exception e) {
            // not visible from here
        }
        return OptionalLong.empty();
    }

    private static Long free(Sample s) {
        return s.freeDiskBytes().isPresent() ? s.freeDiskBytes().getAsLong() : null;
    }

    private static Long minFree(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static boolean over(double value, double limit) {
        return limit > 0 && value >= limit;
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    static String mb(long bytes) {
        return bytes >= 10L << 30 ? (bytes >> 30) + " GB" : (bytes >> 20) + " MB";
    }
}
