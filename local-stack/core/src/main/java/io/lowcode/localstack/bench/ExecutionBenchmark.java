package io.lowcode.localstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.localstack.platform.Platform;

/**
 * {@code ./platform bench-executions [rate] [seconds]}: a three-step workflow with no waits (transform, branch,
 * transform) started at a fixed offered rate (open model) by a user over real HTTP; measures the starts the portal
 * accepted per second, executions applied by the admin center's monitor per second (first start to last
 * completion applied), and start → completion applied in the monitor (from the portal's and the monitor's own
 * timestamps). Prints a table; not a test.
 */
public final class ExecutionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Platform platform;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16))
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public ExecutionBenchmark(Platform platform) {
        this.platform = platform;
    }

    public void run(int rate, int seconds) throws Exception {
        String admin = login(platform.admin().username(), platform.admin().password());
        String unit = deploy(admin);
        String username = "bench-runner-" + Long.toHexString(System.nanoTime());
        String password = io.lowcode.localstack.platform.AdminCredentials.randomPassword(); // nobody else can log in
        call("POST", platform.url("admin-center") + "/api/v1/users", admin, Map.of("username", username,
                "email", username + "@example.com", "password", password, "roles", List.of("user", "power-user")));
        String user = login(username, password);
        URI start = URI.create(platform.url("portal") + "/api/v1/functions/" + unit + "/executions");
        while (status(start, user) != 202) {
            Thread.sleep(200); // until the portal knows the user and the unit
        }
        say("unit %s deployed; offering %d starts/s for %d s", unit, rate, seconds);

        java.util.Map<String, Double> cpu = ProcessCpu.platformAndBench(platform.processes());
        int total = rate * seconds;
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        java.util.Map<String, AtomicInteger> refusals = new java.util.concurrent.ConcurrentSkipListMap<>();
        ConcurrentLinkedQueue<Double> answerMs = new ConcurrentLinkedQueue<>();
        CountDownLatch answered = new CountDownLatch(total);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger issued = new AtomicInteger();
        long begin = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            if (issued.incrementAndGet() > total) {
                return;
            }
            long sent = System.nanoTime();
            http.sendAsync(request(start, user), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() == 202) {
                    accepted.incrementAndGet();
                    answerMs.add((System.nanoTime() - sent) / 1e6);
                } else {
                    errors.incrementAndGet();
                    refusals.computeIfAbsent(failure != null ? failure.getClass().getSimpleName()
                            : Integer.toString(response.statusCode()), k -> new AtomicInteger()).incrementAndGet();
                }
                answered.countDown();
            });
        }, 0, TimeUnit.SECONDS.toNanos(1) / rate, TimeUnit.NANOSECONDS);
        answered.await(seconds + 300L, TimeUnit.SECONDS);
        clock.shutdownNow();
        double offeredSeconds = (System.nanoTime() - begin) / 1e9;
        say("offered %d, accepted %d, errors %d %s, all answered after %.1f s", total, accepted.get(), errors.get(),
                refusals, offeredSeconds);

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long completed = 0;
        while (System.nanoTime() < deadline) {
            completed = completedInMonitor(admin, unit);
            if (completed >= accepted.get() + 1) { // + the probe start above
                break;
            }
            Thread.sleep(1000);
        }
        String cpuUsed = ProcessCpu.used(cpu, ProcessCpu.platformAndBench(platform.processes()));
        Result result = fromDatabase(unit);
        List<Double> answers = new ArrayList<>(answerMs);
        Collections.sort(answers);
        System.out.printf("%nexecutions (3 steps, no waits) offered %d/s for %d s%n", rate, seconds);
        System.out.printf("  starts accepted: %d (%.0f/s), errors %d; 202 answer p50 %.0f ms, p99 %.0f ms%n",
                accepted.get(), accepted.get() / offeredSeconds, errors.get(), percentile(answers, 50),
                percentile(answers, 99));
        System.out.printf("  applied by the monitor: %d of %d completed executions, %.0f executions/s "
                        + "(first start to last completion applied, %.1f s)%n", result.latencies.size(), completed,
                result.latencies.size() / result.spanSeconds, result.spanSeconds);
        System.out.printf("  start -> completion applied in the monitor: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                percentile(result.latencies, 50), percentile(result.latencies, 95), percentile(result.latencies, 99),
                percentile(result.latencies, 100));
        System.out.printf("  CPU from the first start to the last completion applied: %s%n", cpuUsed);
    }

    private record Result(List<Double> latencies, double spanSeconds) {
    }

    private Result fromDatabase(String unit) throws Exception {
        List<Double> latencies = new ArrayList<>();
        double first = Double.MAX_VALUE;
        double last = 0;
        try (Connection db = platform.stack().postgres().connect();
                PreparedStatement query = db.prepareStatement("""
                        SELECT extract(epoch FROM e.started_at) * 1000, extract(epoch FROM i.processed_at) * 1000
                        FROM portal.execution e
                        JOIN portal.outbox_event o ON o.event_key = e.id::text AND o.event_type = 'workflow.execution-completed'
                        JOIN admin_center.inbox_event i ON i.event_id = o.event_id AND i.consumer_group = 'execution-monitor'
                        WHERE e.function_unit_id = ?::uuid""")) {
            query.setString(1, unit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    double started = rows.getDouble(1);
                    double applied = rows.getDouble(2);
                    latencies.add(applied - started);
                    first = Math.min(first, started);
                    last = Math.max(last, applied);
                }
            }
        }
        Collections.sort(latencies);
        return new Result(latencies, Math.max(0.001, (last - first) / 1000));
    }

    private long completedInMonitor(String admin, String unit) throws Exception {
        JsonNode stats = call("GET", platform.url("admin-center") + "/api/v1/executions/stats", admin, null);
        for (JsonNode s : stats) {
            if (unit.equals(s.path("functionUnitId").asText())) {
                return s.path("completed").asLong();
            }
        }
        return 0;
    }

    private String deploy(String admin) throws Exception {
        Map<String, Object> definition = Map.of("steps", List.of(
                Map.of("name", "price", "kind", "transform", "set", Map.of("total", "${/input/amount}")),
                Map.of("name", "check", "kind", "branch",
                        "if", Map.of("path", "/steps/price/total", "op", "lte", "value", 1000),
                        "then", "accept", "else", "end"),
                Map.of("name", "accept", "kind", "transform", "set", Map.of("accepted", "${/steps/price/total}"))));
        String ws = platform.url("workstation");
        String unit = call("POST", ws + "/api/v1/function-units", admin, Map.of("name", "bench-executions",
                "definition", definition)).path("id").asText();
        call("POST", ws + "/api/v1/function-units/" + unit + "/versions", admin, Map.of("version", "1.0.0"));
        URI deploy = URI.create(platform.url("admin-center") + "/api/v1/function-units/" + unit + "/deployments");
        while (http.send(HttpRequest.newBuilder(deploy).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"1.0.0\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 201) {
            Thread.sleep(200);
        }
        return unit;
    }

    private static HttpRequest request(URI start, String token) {
        return HttpRequest.newBuilder(start).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":{\"amount\":42}}")).build();
    }

    private int status(URI start, String token) throws Exception {
        return http.send(request(start, token), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String login(String username, String password) throws Exception {
        return call("POST", platform.url("admin-center") + "/api/v1/auth/token", null,
                Map.of("username", username, "password", password)).path("access_token").asText();
    }

    private JsonNode call(String method, String url, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void say(String format, Object... args) {
        System.out.printf("[bench-executions] " + format + "%n", args);
    }
}
