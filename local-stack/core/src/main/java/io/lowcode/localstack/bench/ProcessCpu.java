package io.lowcode.localstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds a process and its descendants used so far, from {@code /proc/<pid>/stat} (user + system time, fields 14
 * and 15, in clock ticks of 1/100 s — Linux's USER_HZ). Benchmarks print the difference over a run next to their
 * numbers, so a result says what it cost.
 */
public final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** CPU seconds of each process (with its descendants), by name. */
    public static Map<String, Double> seconds(Map<String, ProcessHandle> processes) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes.forEach((name, process) -> seconds.put(name, seconds(process)));
        return seconds;
    }

    /**
     * CPU seconds of the platform's processes (each with its descendants) and of this JVM alone ({@code bench}: the
     * load generator and the launcher), by name.
     */
    public static Map<String, Double> platformAndBench(Map<String, ProcessHandle> platform) {
        Map<String, Double> seconds = seconds(platform);
        seconds.put("bench", own(ProcessHandle.current().pid()));
        return seconds;
    }

    /** CPU seconds of {@code process} and its live descendants (PostgreSQL's backends). */
    public static double seconds(ProcessHandle process) {
        double total = own(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            total += own(child.pid());
        }
        return total;
    }

    /** One line: {@code name 12.3 s, ...} of the CPU used between two readings. */
    public static String used(Map<String, Double> before, Map<String, Double> after) {
        StringBuilder line = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double used = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            total += used;
            line.append(line.isEmpty() ? "" : ", ").append(String.format("%s %.1f s", e.getKey(), used));
        }
        return line.append(String.format("; total %.1f CPU s", total)).toString();
    }

    private static double own(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended
        }
    }
}
