package io.lowcode.migrator.smoke;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.migrator.smoke.ServiceCalls.Answer;

/**
 * Functional checks across the running modules after a migration: each service ready; the admin logs in; a
 * synthetic function unit is created and published (workstation), reaches the admin center's pending deployments
 * and is deployed there, is offered by the portal (after a grant of its execute permission), is retired, leaves the
 * portal and shows retired to the developer. Afterwards the grant is revoked and a unit left deployed is retired;
 * the retired unit itself stays (no API deletes function units). The first failure ends the flow, naming the module.
 */
public final class SmokeTest {

    public static final String WORKSTATION = "workstation";
    public static final String ADMIN_CENTER = "admin-center";
    public static final String PORTAL = "portal";

    /** One check: which module, what, and whether it held. */
    public record Check(String module, String name, boolean passed, String detail, long millis) {
    }

    /** A check that failed: ends the flow. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private final ServiceCalls calls;
    private final Map<String, String> urls;
    private final Map<String, String> healthUrls;
    private final Duration timeout;
    private final java.util.function.Consumer<Check> report;
    private final List<Check> checks = new ArrayList<>();
    private final List<String> leftBehind = new ArrayList<>();

    /**
     * @param urls       base URL per module ({@link #WORKSTATION}, {@link #ADMIN_CENTER}, {@link #PORTAL})
     * @param healthUrls base URL of each module's health checks (its management interface)
     * @param timeout    how long each cross-module effect may take
     * @param report     told of each check as it ends
     */
    public SmokeTest(ObjectMapper json, Map<String, String> urls, Map<String, String> healthUrls, Duration timeout,
            java.util.function.Consumer<Check> report) {
        this.calls = new ServiceCalls(json);
        this.urls = urls;
        this.healthUrls = healthUrls;
        this.timeout = timeout;
        this.report = report;
    }

    public List<Check> checks() {
        return checks;
    }

    /** What the flow created and could not remove (no API for it). */
    public List<String> leftBehind() {
        return leftBehind;
    }

    /** Waits up to {@code wait} until every service is ready, then checks once more and records each. */
    public boolean health(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && !healthUrls.values().stream().allMatch(this::ready)) {
            Thread.sleep(1000);
        }
        boolean all = true;
        for (String module : List.of(WORKSTATION, ADMIN_CENTER, PORTAL)) {
            long t0 = System.nanoTime();
            String url = healthUrls.get(module) + "/q/health/ready";
            try {
                Answer a = calls.get(url, null);
                boolean up = a.status() == 200 && "UP".equals(a.body().path("status").asText());
                record(module, "ready", up, url + ": " + (up ? "UP" : a.describe()), t0);
                all &= up;
            } catch (Exception e) {
                record(module, "ready", false, url + ": unreachable (" + reason(e) + ")", t0);
                all = false;
            }
        }
        return all;
    }

    /** The cross-module flow; true when every check passed. */
    public boolean flow(String username, String password) throws InterruptedException {
        String unit = null;
        String grant = null;
        String adminId = null;
        String token = null;
        boolean deployed = false;
        boolean retired = false;
        try {
            Answer login = step(ADMIN_CENTER, "login", () -> calls.post(urls.get(ADMIN_CENTER) + "/api/v1/auth/token", null,
                    Map.of("username", username, "password", password)), 200, "as " + username);
            token = login.body().path("access_token").asText();
            try {
                adminId = calls.subject(token);
            } catch (java.io.IOException e) {
                throw fail(ADMIN_CENTER, "login", "the token is not a JWT: " + e.getMessage(), System.nanoTime());
            }
            String as = token;
            String name = "ops-smoke " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + " "
                    + UUID.randomUUID().toString().substring(0, 8);
            Answer created = step(WORKSTATION, "create function unit", () -> calls.post(urls.get(WORKSTATION)
                    + "/api/v1/function-units", as, Map.of("name", name, "category", "ops-smoke", "description",
                            "synthetic unit of ops-migrator smoke, retired when it ends", "definition", Map.of())), 201, name);
            unit = created.body().path("id").asText();
            String id = unit;
            step(WORKSTATION, "publish 1.0.0", () -> calls.post(urls.get(WORKSTATION) + "/api/v1/function-units/" + id
                    + "/versions", as, Map.of("version", "1.0.0", "changelog", "ops-migrator smoke")), 201, id);
            await(ADMIN_CENTER, "receives the published version", urls.get(ADMIN_CENTER) + "/api/v1/deployments/pending", as,
                    a -> a.status() == 200 && a.body().findValuesAsText("functionUnitId").contains(id),
                    "function-unit.published from the workstation");
            step(ADMIN_CENTER, "deploy 1.0.0", () -> calls.post(urls.get(ADMIN_CENTER) + "/api/v1/function-units/" + id
                    + "/deployments", as, Map.of("version", "1.0.0")), 201, id);
            deployed = true;
            String permission = "function-unit:" + id + ":execute";
            String admin = adminId;
            step(ADMIN_CENTER, "grant " + permission, () -> calls.post(urls.get(ADMIN_CENTER) + "/api/v1/users/" + admin
                    + "/permissions", as, Map.of("permission", permission)), 201, "to " + username);
            grant = permission;
            await(PORTAL, "offers the deployed function", urls.get(PORTAL) + "/api/v1/functions/" + id, as,
                    a -> a.status() == 200 && "1.0.0".equals(a.body().path("version").asText()),
                    "function-unit.deployed and permission.granted from the admin center");
            step(ADMIN_CENTER, "retire", () -> calls.post(urls.get(ADMIN_CENTER) + "/api/v1/function-units/" + id
                    + "/retirement", as, Map.of("reason", "ops-migrator smoke")), 200, id);
            retired = true;
            await(PORTAL, "withdraws the retired function", urls.get(PORTAL) + "/api/v1/functions/" + id, as,
                    a -> a.status() == 404, "function-unit.retired from the admin center");
            await(WORKSTATION, "shows the version retired", urls.get(WORKSTATION) + "/api/v1/function-units/" + id, as,
                    a -> a.status() == 200 && "RETIRED".equals(a.body().path("versions").path(0).path("deploymentStatus").asText()),
                    "function-unit.retired from the admin center");
            return true;
        } catch (Failed failed) {
            return false;
        } finally {
            cleanUp(token, adminId, unit, grant, deployed && !retired);
        }
    }

    private void cleanUp(String token, String adminId, String unit, String grant, boolean retire) throws InterruptedException {
        if (grant != null) {
            String permission = grant;
            tryStep(ADMIN_CENTER, "clean up: revoke " + grant, () -> calls.delete(urls.get(ADMIN_CENTER) + "/api/v1/users/"
                    + adminId + "/permissions/" + URLEncoder.encode(permission, StandardCharsets.UTF_8), token), 204);
        }
        if (retire) {
            tryStep(ADMIN_CENTER, "clean up: retire " + unit, () -> calls.post(urls.get(ADMIN_CENTER)
                    + "/api/v1/function-units/" + unit + "/retirement", token, Map.of("reason", "ops-migrator smoke clean-up")),
                    200);
        }
        if (unit != null) {
            leftBehind.add("function unit " + unit + " (category ops-smoke, retired: no API deletes function units)");
        }
    }

    interface Call {
        Answer call() throws Exception;
    }

    private Answer step(String module, String name, Call call, int expected, String what) throws Failed {
        long t0 = System.nanoTime();
        try {
            Answer a = call.call();
            if (a.status() != expected) {
                throw fail(module, name, a.describe() + ", expected " + expected, t0);
            }
            record(module, name, true, what, t0);
            return a;
        } catch (Failed f) {
            throw f;
        } catch (Exception e) {
            throw fail(module, name, "unreachable (" + reason(e) + ")", t0);
        }
    }

    private void tryStep(String module, String name, Call call, int expected) throws InterruptedException {
        try {
            step(module, name, call, expected, "done");
        } catch (Failed ignored) {
            // recorded; the clean-up goes on
        }
    }

    /** Polls {@code url} until {@code done}: an effect another module's event causes. */
    private void await(String module, String name, String url, String token, Predicate<Answer> done, String cause)
            throws Failed, InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Answer a = calls.get(url, token);
                if (done.test(a)) {
                    record(module, name, true, "after " + (System.nanoTime() - t0) / 1_000_000 + " ms", t0);
                    return;
                }
                last = a.describe();
            } catch (java.io.IOException e) {
                last = "unreachable (" + reason(e) + ")";
            }
            Thread.sleep(250);
        }
        throw fail(module, name, "not within " + timeout.toSeconds() + " s (" + cause + "); last answer " + last, t0);
    }

    private Failed fail(String module, String name, String detail, long t0) {
        record(module, name, false, detail, t0);
        return new Failed(module + ": " + name + ": " + detail);
    }

    private void record(String module, String name, boolean passed, String detail, long t0) {
        Check c = new Check(module, name, passed, detail, (System.nanoTime() - t0) / 1_000_000);
        checks.add(c);
        report.accept(c);
    }

    private boolean ready(String base) {
        try {
            return calls.get(base + "/q/health/ready", null).status() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
