package io.lowcode.migrator.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.logging.Log;

/**
 * How a run reports progress: a progress bar redrawn in place on a terminal, plain lines (at most one every
 * few seconds per step) in logs and CI, and optionally a Prometheus text file rewritten as it goes.
 */
public final class Progress {

    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final Path metricsFile;
    private final Map<String, String> gauges = new ConcurrentHashMap<>();
    private long lastLine;
    private boolean barOpen;
    private String resources = "";

    public Progress(PrintStream out, boolean terminal, Path metricsFile) {
        this.out = out;
        this.terminal = terminal;
        this.metricsFile = metricsFile;
    }

    /** A terminal gets a bar; anything else (pipe, file, Kubernetes log) plain lines. */
    public static Progress forConsole(Path metricsFile) {
        return new Progress(System.out, System.console() != null, metricsFile);
    }

    public synchronized void say(String format, Object... args) {
        closeBar();
        String line = String.format(Locale.ROOT, format, args);
        out.println(line);
        Log.info(line);
    }

    /** A data migration's progress: rows done of total, rows/s and ETA. */
    public synchronized void rows(String step, long done, long total, double rate, boolean last) {
        double pct = total <= 0 ? 100 : Math.min(100.0, 100.0 * done / total);
        long eta = rate <= 0 ? -1 : (long) Math.max(0, (total - done) / rate);
        draw(step, pct, String.format(Locale.ROOT, "%5.1f%% %,d/%,d rows %,.0f rows/s ETA %s%s", pct, done, total, rate,
                eta < 0 ? "?" : eta + "s", resources), last);
        String label = "{step=\"" + step + "\"}";
        gauges.put("ops_migrator_step_rows_done" + label, Long.toString(done));
        gauges.put("ops_migrator_step_rows_total" + label, Long.toString(total));
        gauges.put("ops_migrator_step_rows_per_second" + label, String.format(Locale.ROOT, "%.1f", rate));
        gauges.put("ops_migrator_step_eta_seconds" + label, Long.toString(eta));
        gauges.put("ops_migrator_step_progress_ratio" + label, String.format(Locale.ROOT, "%.4f", pct / 100));
        writeMetrics();
    }

    /** Bytes copied of (about) {@code total} (a backup or restore of one table). */
    public synchronized void bytes(String what, long done, long total, long startedNanos, boolean last) {
        double pct = total <= 0 ? 100 : Math.min(100.0, 100.0 * done / total);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        draw(what, pct, String.format(Locale.ROOT, "%5.1f%% %,.1f/%,.1f MB %,.1f MB/s", pct, done / 1e6, total / 1e6,
                seconds <= 0 ? 0 : done / 1e6 / seconds), last);
    }

    private void draw(String what, double pct, String text, boolean last) {
        if (terminal) {
            int width = 30;
            int filled = (int) (width * pct / 100);
            out.print("\r" + what + " [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + text);
            out.flush();
            barOpen = true;
            if (last) {
                closeBar();
            }
        } else if (last || System.nanoTime() - lastLine > LINE_INTERVAL_NANOS) {
            lastLine = System.nanoTime();
            out.println(what + " " + text);
        }
    }

    /** The latest resource sample: shown with the next progress line, and as gauges. */
    public synchronized void resources(ResourceWatch.Sample sample) {
        resources = " | " + sample.summary();
        gauges.put("ops_migrator_connections_in_use{}", Long.toString(sample.connections()));
        gauges.put("ops_migrator_connections_max{}", Long.toString(sample.maxConnections()));
        gauges.put("ops_migrator_database_bytes{}", Long.toString(sample.databaseBytes()));
        sample.freeDiskBytes().ifPresent(free -> gauges.put("ops_migrator_free_disk_bytes{}", Long.toString(free)));
        gauges.put("ops_migrator_heap_used_bytes{}", Long.toString(sample.heapUsedBytes()));
        gauges.put("ops_migrator_heap_max_bytes{}", Long.toString(sample.heapMaxBytes()));
        writeMetrics();
    }

    /** A step's or run's state as a gauge: 1 for the current status. */
    public synchronized void status(String what, String id, String status) {
        gauges.keySet().removeIf(k -> k.startsWith("ops_migrator_" + what + "_status{" + what + "=\"" + id + "\""));
        gauges.put("ops_migrator_" + what + "_status{" + what + "=\"" + id + "\",status=\"" + status + "\"}", "1");
        writeMetrics();
    }

    private void closeBar() {
        if (barOpen) {
            out.println();
            barOpen = false;
        }
    }

    private void writeMetrics() {
        if (metricsFile == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        gauges.keySet().stream().map(k -> k.substring(0, k.indexOf('{'))).distinct().sorted()
                .forEach(name -> sb.append("# TYPE ").append(name).append(" gauge\n"));
        gauges.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n'));
        try {
            Path tmp = metricsFile.resolveSibling(metricsFile.getFileName() + ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, metricsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Log.warnf("cannot write the metrics file %s: %s", metricsFile, e.getMessage());
        }
    }
}
