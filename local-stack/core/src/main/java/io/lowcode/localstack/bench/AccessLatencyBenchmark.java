package io.lowcode.localstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.localstack.platform.Platform;

/**
 * {@code ./platform bench-access [trials]}: how soon the portal follows the admin center. Per trial, an admin
 * grants a user the permission to execute a deployed function unit, then revokes it; the clock starts when the
 * admin's call returns and stops at the first portal request for the function that is allowed (grant) or denied
 * (revoke), the user polling back to back. Everything over real logins and real HTTP. The first 20 trials are a
 * warm-up, reported on their own line. Prints percentiles; not a test.
 */
public final class AccessLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    /** Trials run first and reported apart: the JIT compiles the paths under test during them. */
    private static final int WARM_UP = 20;

    private final Platform platform;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public AccessLatencyBenchmark(Platform platform) {
        this.platform = platform;
    }

    public void run(int trials) throws Exception {
        String admin = login(platform.admin().username(), platform.admin().password());
        String workstation = platform.url("workstation");
        String adminCenter = platform.url("admin-center");
        String portal = platform.url("portal");

        String unit = call("POST", workstation + "/api/v1/function-units", admin,
                Map.of("name", "bench-access", "definition", Map.of("steps", List.of()))).path("id").asText();
        call("POST", workstation + "/api/v1/function-units/" + unit + "/versions", admin, Map.of("version", "1.0.0"));
        awaitStatus(() -> status("POST", adminCenter + "/api/v1/function-units/" + unit + "/deployments", admin,
                Map.of("version", "1.0.0")), 201);
        String username = "bench-" + Long.toHexString(System.nanoTime());
        String password = io.lowcode.localstack.platform.AdminCredentials.randomPassword(); // nobody else can log in
        String userId = call("POST", adminCenter + "/api/v1/users", admin, Map.of("username", username,
                "email", username + "@example.com", "password", password, "roles", List.of("user"))).path("id").asText();
        String user = login(username, password);
        awaitStatus(() -> status("GET", portal + "/api/v1/me", user, null), 200);
        String function = portal + "/api/v1/functions/" + unit;
        awaitStatus(() -> status("GET", function, user, null), 403);
        String permission = "function-unit:" + unit + ":execute";
        say("unit %s deployed, user %s active in the portal; %d trials of grant → allowed and revoke → denied",
                unit, userId, trials);

        List<Double> grants = new ArrayList<>();
        List<Double> revokes = new ArrayList<>();
        Map<String, Integer> deliveries = new TreeMap<>();
        int polls = 0;
        Map<String, Double> cpu = Map.of();
        for (int i = -WARM_UP; i < trials; i++) {
            if (i == 0) {
                cpu = ProcessCpu.platformAndBench(platform.processes());
                say("warm-up: grant p99 %.1f ms, revoke p99 %.1f ms over %d trials (not counted below)",
                        percentile(sorted(grants), 99), percentile(sorted(revokes), 99), WARM_UP);
                grants.clear();
                revokes.clear();
                deliveries.clear();
                polls = 0;
            }
            HttpResponse<String> granted = send("POST", adminCenter + "/api/v1/users/" + userId + "/permissions", admin,
                    Map.of("permission", permission));
            long t0 = System.nanoTime();
            expect(granted, 201);
            deliveries.merge("grant " + granted.headers().firstValue("X-Event-Delivery").orElse("?"), 1, Integer::sum);
            polls += awaitStatus(() -> status("GET", function, user, null), 200);
            grants.add((System.nanoTime() - t0) / 1e6);

            HttpResponse<String> revoked = send("DELETE", adminCenter + "/api/v1/users/" + userId + "/permissions/"
                    + permission, admin, null);
            t0 = System.nanoTime();
            expect(revoked, 204);
            deliveries.merge("revoke " + revoked.headers().firstValue("X-Event-Delivery").orElse("?"), 1, Integer::sum);
            polls += awaitStatus(() -> status("GET", function, user, null), 403);
            revokes.add((System.nanoTime() - t0) / 1e6);
        }
        say("admin calls: %s; portal polls: %d (%.1f per change)", deliveries, polls, polls / (2.0 * trials));
        say("CPU during the counted trials: %s", ProcessCpu.used(cpu, ProcessCpu.platformAndBench(platform.processes())));
        report("grant  → first allowed", grants);
        report("revoke → first denied ", revokes);
    }

    private static List<Double> sorted(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted;
    }

    private static void report(String what, List<Double> samples) {
        List<Double> sorted = sorted(samples);
        System.out.printf("%s  n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n", what, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private String login(String username, String password) throws Exception {
        HttpResponse<String> response = send("POST", platform.url("admin-center") + "/api/v1/auth/token", null,
                Map.of("username", username, "password", password));
        expect(response, 200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private JsonNode call(String method, String url, String token, Object body) throws Exception {
        HttpResponse<String> response = send(method, url, token, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private int status(String method, String url, String token, Object body) throws Exception {
        return send(method, url, token, body).statusCode();
    }

    private HttpResponse<String> send(String method, String url, String token, Object body) throws Exception {
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
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " (expected " + status + "): " + response.body());
        }
    }

    /** Repeats {@code probe} back to back until it answers {@code status}; returns how many calls it took. */
    private static int awaitStatus(Probe probe, int status) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        int calls = 0;
        while (System.nanoTime() < deadline) {
            calls++;
            if (probe.status() == status) {
                return calls;
            }
        }
        throw new IllegalStateException("no " + status + " within " + GIVE_UP);
    }

    @FunctionalInterface
    private interface Probe {
        int status() throws Exception;
    }

    private static void say(String format, Object... args) {
        System.out.printf("[bench-access] " + format + "%n", args);
    }
}
