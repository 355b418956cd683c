package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lowcode.localstack.FreePorts;
import io.restassured.path.json.JsonPath;

/**
 * Server-side request forgery through workflow http steps, on the packaged platform. The portal's egress allow list
 * names only the tests' peer ports on 127.0.0.1 (RunningPlatform); every attack must end FAILED with "blocked by egress
 * policy" (or a refusal of the URL) without the target being reached, the redirect is the step's answer, a huge body
 * and a slow drip are cut, and the portal stays live with no OutOfMemoryError.
 */
class EgressAbuseIT {

    private static final Duration END = Duration.ofSeconds(60);
    private static RunningPlatform platform;
    private static Workflows flows;
    private static HttpServer peer;
    private static HttpServer internal;
    private static final AtomicInteger internalHits = new AtomicInteger();
    private static String peerUrl;
    private static int internalPort;

    @BeforeAll
    static void peers() throws IOException {
        platform = RunningPlatform.shared();
        flows = Workflows.on(platform, "egress-runner");
        // an internal service on loopback that http steps must never reach (its port is not on the allow list)
        internalPort = FreePorts.take(1).get(0);
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", internalPort), 0);
        internal.createContext("/", exchange -> {
            internalHits.incrementAndGet();
            reply(exchange, 200, "{\"secret\":\"internal only\"}");
        });
        internal.start();
        // the peer the allow list names
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", platform.peerPort(0)), 0);
        peer.setExecutor(Executors.newCachedThreadPool());
        peer.createContext("/ok", exchange -> reply(exchange, 200, "{\"fine\":true}"));
        peer.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + internalPort + "/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        peer.createContext("/huge", exchange -> stream(exchange, 2L * 1024 * 1024 * 1024, 0));
        peer.createContext("/drip", exchange -> stream(exchange, 600, 100));
        peer.start();
        peerUrl = "http://127.0.0.1:" + platform.peerPort(0);
    }

    @AfterAll
    static void stopPeers() {
        peer.stop(0);
        internal.stop(0);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** {@code length} bytes, one every {@code pauseMs} when given. */
    /** Drips the peer sent to the end, and drips the portal hung up on (it must hang up at its deadline). */
    private static final java.util.concurrent.atomic.AtomicInteger DRIPS_FINISHED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger DRIPS_CUT = new java.util.concurrent.atomic.AtomicInteger();

    private static void stream(HttpExchange exchange, long length, long pauseMs) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, length);
            byte[] chunk = new byte[pauseMs > 0 ? 1 : 64 * 1024];
            for (long sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk);
                if (pauseMs > 0) {
                    out.flush();
                    Thread.sleep(pauseMs);
                }
            }
            if (pauseMs > 0) {
                DRIPS_FINISHED.incrementAndGet();
            }
        } catch (IOException | InterruptedException gone) {
            // the portal hung up: what it must do
            if (pauseMs > 0) {
                DRIPS_CUT.incrementAndGet();
            }
        }
    }

    private static JsonPath run(String name, Map<String, Object> definition, Map<String, Object> input) {
        String unit = flows.deploy(name, definition);
        return flows.awaitEnd(flows.started(unit, input), END);
    }

    @Test
    void theAllowedPeerIsReachable() {
        JsonPath done = run("egress-allowed", Workflows.httpStep(peerUrl + "/ok", 5000), Map.of());
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getBoolean("output.body.fine")).isTrue();
    }

    @Test
    void aCallToAPlatformServiceOnLoopbackIsBlocked() {
        try (HealthWatch ignored = HealthWatch.of(platform, "portal")) {
            for (String target : List.of(platform.management("admin-center") + "/q/health/ready",
                    platform.adminCenter() + "/api/v1/users", "http://127.0.0.1:" + internalPort + "/")) {
                JsonPath done = run("egress-loopback", Workflows.httpStep(target, 5000), Map.of());
                assertThat(done.getString("status")).as(target).isEqualTo("FAILED");
                assertThat(done.getString("error")).as(target).endsWith(": blocked by egress policy")
                        .doesNotContain("checks").doesNotContain("Connection");
                assertThat(done.getList("steps")).isEmpty();
            }
        }
        assertThat(internalHits.get()).isZero();
    }

    @Test
    void privateLinkLocalAndOwnAddressesAreBlockedWithoutAConnection() {
        List<String> targets = new java.util.ArrayList<>(List.of("http://10.255.255.1/secret?token=s3cret",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]:" + platform.adminCenter().replaceAll(".*:", "")
                        + "/", "http://0.0.0.0:" + internalPort + "/"));
        ownAddress().ifPresent(own -> targets.add("http://" + own.getHostAddress() + ":" + platform.peerPort(0) + "/ok"));
        try (HealthWatch ignored = HealthWatch.of(platform, "portal")) {
            for (String target : targets) {
                JsonPath done = run("egress-private", Workflows.httpStep(target, 5000), Map.of());
                assertThat(done.getString("status")).as(target).isEqualTo("FAILED");
                // refused by the policy before any connection (not a connect timeout or refusal)
                assertThat(done.getString("error")).as(target).endsWith("blocked by egress policy")
                        .doesNotContain("s3cret");
            }
        }
        assertThat(internalHits.get()).isZero();
    }

    @Test
    void userInfoSmuggledInThroughAnInterpolatedInputCannotMoveTheRequest() {
        int before = internalHits.get();
        JsonPath done = run("egress-userinfo", Workflows.httpStep(peerUrl + "${/input/path}", 5000),
                Map.of("path", "@127.0.0.1:" + internalPort + "/"));
        assertThat(done.getString("status")).isEqualTo("FAILED");
        assertThat(done.getString("error")).contains("not a valid URL");
        assertThat(internalHits.get()).isEqualTo(before);
    }

    @Test
    void aRedirectIsTheAnswerAndIsNotFollowed() {
        int before = internalHits.get();
        JsonPath done = run("egress-redirect", Workflows.httpStep(peerUrl + "/redirect", 5000), Map.of());
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getInt("output.status")).isEqualTo(302);
        assertThat(done.getString("output.body")).isNull();
        assertThat(internalHits.get()).isEqualTo(before);
    }

    @Test
    void aTwoGibibyteBodyIsCutAtTheCapAndThePortalKeepsItsMemory() {
        try (HealthWatch ignored = HealthWatch.of(platform, "portal")) {
            JsonPath done = run("egress-huge", Workflows.httpStep(peerUrl + "/huge", 30000), Map.of());
            assertThat(done.getString("status")).isEqualTo("FAILED");
            assertThat(done.getString("error")).endsWith("response body larger than 1048576 bytes");
        }
    }

    @Test
    void aSlowDripIsCutAtTheStepsDeadlineNotWhenTheDripEnds() {
        try (HealthWatch ignored = HealthWatch.of(platform, "portal")) {
            JsonPath done = run("egress-drip", Workflows.httpStep(peerUrl + "/drip", 2000), Map.of());
            assertThat(done.getString("status")).isEqualTo("FAILED");
            assertThat(done.getString("error")).contains("no complete answer within 2000 ms");
            // the drip lasts 60 s: the portal hung up on it (the deadline is total, not an idle timeout)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> DRIPS_CUT.get() > 0);
            assertThat(DRIPS_FINISHED.get()).as("drips sent to their end").isZero();
        }
    }

    /** A non-loopback IPv4 address of this machine (the portal's own address), if it has one. */
    private static Optional<InetAddress> ownAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        } catch (java.net.SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
