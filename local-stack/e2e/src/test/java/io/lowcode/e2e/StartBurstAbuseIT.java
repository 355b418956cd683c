package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission control on the packaged platform: 10,000 starts, 300 at a time, of a workflow that waits 20 s (so executions
 * pile up to the per-user bound of 1,000 however fast this machine starts them), by one user. The portal stays live, every answer is 202 or a 429/503 problem with Retry-After (never a
 * 500, never an OutOfMemoryError), and every accepted execution completes.
 */
class StartBurstAbuseIT {

    private static final int REQUESTS = 10_000;
    private static final int PARALLEL = 300;
    private static RunningPlatform platform;
    private static Workflows flows;
    private static String unit;

    @BeforeAll
    static void unit() {
        platform = RunningPlatform.shared();
        flows = Workflows.on(platform, "burst-runner");
        unit = flows.deploy("burst", Map.of("steps", List.of(
                Map.of("name", "hold", "kind", "wait", "ms", 20_000),
                Map.of("name", "done", "kind", "transform", "set", Map.of("ok", true)))));
    }

    @Test
    void aBurstFarAboveCapacityIsAdmittedInPartRefusedWithRetryAfterAndEveryAcceptedExecutionCompletes()
            throws Exception {
        HttpRequest start = HttpRequest.newBuilder(URI.create(platform.portal() + "/api/v1/functions/" + unit
                        + "/executions"))
                .header("Authorization", "Bearer " + flows.runner().token()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{\"input\":{}}")).build();
        ExecutorService threads = Executors.newFixedThreadPool(PARALLEL);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads).build();
        AtomicInteger left = new AtomicInteger(REQUESTS);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger refusalsWithoutRetryAfter = new AtomicInteger();
        AtomicReference<String> aRefusal = new AtomicReference<>();
        long began = System.nanoTime();
        try (HealthWatch ignored = HealthWatch.of(platform, "portal")) {
            ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
            for (int i = 0; i < PARALLEL; i++) {
                clients.execute(() -> {
                    while (left.getAndDecrement() > 0) {
                        try {
                            HttpResponse<String> answer = http.send(start, HttpResponse.BodyHandlers.ofString());
                            statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                            if (answer.statusCode() != 202) {
                                aRefusal.compareAndSet(null, answer.headers().firstValue("Content-Type").orElse("")
                                        + " " + answer.body());
                                if (answer.headers().firstValue("Retry-After").isEmpty()) {
                                    refusalsWithoutRetryAfter.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        } finally {
            threads.shutdown();
        }
        long seconds = Math.max(1, (System.nanoTime() - began) / 1_000_000_000L);
        int accepted = statuses.getOrDefault(202, new AtomicInteger()).get();
        System.out.printf("start burst: %d requests, %d in parallel, %d s (%d/s): %s%n", REQUESTS, PARALLEL, seconds,
                REQUESTS / seconds, statuses);

        assertThat(statuses.keySet()).as("answers").isSubsetOf(202, 429, 503);
        assertThat(accepted).as("accepted").isPositive().isLessThan(REQUESTS);
        assertThat(refusalsWithoutRetryAfter.get()).as("refusals without Retry-After").isZero();
        assertThat(aRefusal.get()).startsWith("application/problem+json")
                .containsAnyOf("urn:lowcode:problem:too-many-requests", "urn:lowcode:problem:overloaded");

        // every accepted execution ends, and completes (a 20 s wait each: the last ones need that much more)
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT count(*) FROM portal.execution WHERE function_unit_id = ?::uuid "
                        + "AND status = 'RUNNING'") == 0);
        assertThat(count("SELECT count(*) FROM portal.execution WHERE function_unit_id = ?::uuid"))
                .isEqualTo(accepted);
        assertThat(count("SELECT count(*) FROM portal.execution WHERE function_unit_id = ?::uuid "
                + "AND status = 'COMPLETED'")).isEqualTo(accepted);
    }

    private static long count(String sql) throws Exception {
        try (Connection db = platform.stack().postgres().connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, unit);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
