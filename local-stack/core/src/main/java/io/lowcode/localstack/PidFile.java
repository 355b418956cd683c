package io.lowcode.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file naming a process this project started: its PID and its start time. The start time makes a reused PID
 * harmless: a file whose process has gone, or whose PID now belongs to another process, names nothing.
 */
public record PidFile(Path path) {

    /** Records {@code process} (its PID and start time). */
    public void write(ProcessHandle process) {
        String started = process.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("");
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, process.pid() + " " + started, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** The live process this file names, if it is still the same process. */
    public Optional<ProcessHandle> process() {
        try {
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            String[] fields = Files.readString(path, StandardCharsets.UTF_8).trim().split("\\s+");
            long pid = Long.parseLong(fields[0]);
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (fields.length > 1 && !fields[1].isEmpty()) {
                long started = Long.parseLong(fields[1]);
                return process.filter(p -> p.info().startInstant().map(Instant::toEpochMilli)
                        .map(s -> Math.abs(s - started) < 1000).orElse(false));
            }
            // a file of an older launcher, PID only: trust it only for a JVM
            return process.filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /**
     * Stops the process this file names (SIGTERM, SIGKILL after {@code grace}) and deletes the file.
     *
     * @return the PID it stopped, if any
     */
    public Optional<Long> stop(Duration grace) {
        Optional<ProcessHandle> process = process();
        process.ifPresent(p -> terminate(p, grace));
        delete();
        return process.map(ProcessHandle::pid);
    }

    /** SIGTERM, then SIGKILL if the process is still there after {@code grace}; returns once it is gone. */
    public static void terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception notYet) {
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> process).join();
        }
    }
}
