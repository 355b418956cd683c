package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches that a service stays healthy while an attack runs: its liveness ({@code /q/health/live} on the management
 * port) is polled every 100 ms on a thread of its own and must answer 200 every time, within 2 s; and no service log of
 * the platform holds an OutOfMemoryError at the end.
 */
final class HealthWatch implements AutoCloseable {

    /** Longest a liveness answer may take before it counts as a failure (generous for a loaded 2-core machine). */
    private static final Duration ANSWER = Duration.ofSeconds(2);

    private final RunningPlatform platform;
    private final String service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER).build();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong slowestMs = new AtomicLong();
    private final Thread poller;
    private final long oomBefore;
    private volatile boolean stop;

    private HealthWatch(RunningPlatform platform, String service) {
        this.platform = platform;
        this.service = service;
        this.oomBefore = outOfMemoryErrors(platform);
        this.poller = new Thread(this::poll, "health-watch-" + service);
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts watching {@code service} of {@code platform}. */
    static HealthWatch of(RunningPlatform platform, String service) {
        return new HealthWatch(platform, service);
    }

    private void poll() {
        HttpRequest live = HttpRequest.newBuilder(URI.create(platform.management(service) + "/q/health/live"))
                .timeout(ANSWER).build();
        while (!stop) {
            long began = System.nanoTime();
            try {
                if (http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    failures.incrementAndGet();
                }
            } catch (IOException e) {
                failures.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
            polls.incrementAndGet();
            slowestMs.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops watching and asserts the service stayed live and nothing ran out of memory. */
    @Override
    public void close() {
        stop = true;
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.printf("health of %s during the attack: %d polls, %d failed, slowest %d ms%n", service, polls.get(),
                failures.get(), slowestMs.get());
        assertThat(polls.get()).as(service + " liveness polls").isPositive();
        assertThat(failures.get()).as(service + " liveness answered 200 throughout").isZero();
        assertThat(outOfMemoryErrors(platform)).as("OutOfMemoryError in the services' logs").isEqualTo(oomBefore);
    }

    static long outOfMemoryErrors(RunningPlatform platform) {
        long count = 0;
        for (String name : List.of("workstation", "admin-center", "portal")) {
            Path log = platform.platform().logDirectory().resolve(name + ".log");
            try {
                if (Files.exists(log)) {
                    try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                        count += lines.filter(l -> l.contains("OutOfMemoryError")).count();
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new IllegalStateException("cannot read " + log, e);
            }
        }
        return count;
    }
}
