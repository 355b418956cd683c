package io.lowcode.portal.execution.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.vertx.mutiny.core.Vertx;

/**
 * The http step client against real local peers: only the allowed peer port on 127.0.0.1 may be reached; another port
 * on loopback, a name that resolves to loopback, user info, redirects, a huge body and a slow drip all end in a refusal
 * that names neither an address nor the query string.
 */
class HttpStepClientTest {

    private static final long MAX_BODY = 64 * 1024;
    private static Vertx vertx;
    private static HttpServer peer;
    private static HttpServer internal;
    private static final AtomicInteger internalHits = new AtomicInteger();
    private static HttpStepClient client;
    private static String peerUrl;
    private static int internalPort;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", exchange -> {
            internalHits.incrementAndGet();
            byte[] secret = "{\"secret\":\"internal\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, secret.length);
            exchange.getResponseBody().write(secret);
            exchange.close();
        });
        internal.start();
        internalPort = internal.getAddress().getPort();
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        peer.createContext("/ok", exchange -> {
            byte[] body = "{\"fine\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + internalPort + "/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        peer.createContext("/huge", exchange -> stream(exchange, 2L * 1024 * 1024 * 1024, 0));
        peer.createContext("/chunked", exchange -> stream(exchange, 0, 0));
        peer.createContext("/drip", exchange -> stream(exchange, 100, 100));
        peer.start();
        peerUrl = "http://127.0.0.1:" + peer.getAddress().getPort();
        EgressPolicy policy = EgressPolicy.of(List.of("127.0.0.1:" + peer.getAddress().getPort(),
                "localhost:" + internalPort), Set.of());
        client = new HttpStepClient(vertx, policy, MAX_BODY, Duration.ofSeconds(2));
    }

    /** Sends {@code length} bytes (0: chunked, endless), one every {@code pauseMs} when given. */
    private static void stream(com.sun.net.httpserver.HttpExchange exchange, long length, long pauseMs) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, length);
            byte[] chunk = new byte[pauseMs > 0 ? 1 : 8192];
            for (long sent = 0; length == 0 || sent < length; sent += chunk.length) {
                out.write(chunk);
                out.flush();
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs);
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client gave up: expected
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        peer.stop(0);
        internal.stop(0);
        vertx.closeAndAwait();
    }

    private static HttpStepClient.Answer call(String url, Duration deadline) {
        return client.call("GET", url, null, deadline).await().atMost(Duration.ofSeconds(20));
    }

    @Test
    void theAllowedPeerAnswers() {
        HttpStepClient.Answer answer = call(peerUrl + "/ok", Duration.ofSeconds(5));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().toString()).isEqualTo("{\"fine\":true}");
    }

    @Test
    void anotherLoopbackPortIsBlockedWithoutConnecting() {
        int before = internalHits.get();
        assertThatThrownBy(() -> call("http://127.0.0.1:" + internalPort + "/admin?token=s3cret", Duration.ofSeconds(5)))
                .isInstanceOf(HttpStepClient.CallFailed.class)
                .hasMessage("GET http://127.0.0.1:" + internalPort + "/admin: blocked by egress policy");
        assertThat(internalHits.get()).isEqualTo(before);
    }

    @Test
    void aNameThatResolvesToLoopbackIsBlockedAtConnectTimeEvenWhenTheNameIsAllowed() {
        int before = internalHits.get();
        // "localhost:<port>" is allowed by name, but only an address entry may open loopback: the resolved address decides
        assertThatThrownBy(() -> call("http://localhost:" + internalPort + "/", Duration.ofSeconds(5)))
                .isInstanceOf(HttpStepClient.CallFailed.class).hasMessageEndingWith("blocked by egress policy");
        assertThat(internalHits.get()).isEqualTo(before);
    }

    @Test
    void userInfoThatWouldMoveTheRequestElsewhereIsRefused() {
        int before = internalHits.get();
        assertThatThrownBy(() -> call(peerUrl + "@127.0.0.1:" + internalPort + "/", Duration.ofSeconds(5)))
                .isInstanceOf(HttpStepClient.CallFailed.class).hasMessageContaining("user info");
        assertThat(internalHits.get()).isEqualTo(before);
    }

    @Test
    void aRedirectIsTheAnswerAndIsNotFollowed() {
        int before = internalHits.get();
        HttpStepClient.Answer answer = call(peerUrl + "/redirect", Duration.ofSeconds(5));
        assertThat(answer.status()).isEqualTo(302);
        assertThat(internalHits.get()).isEqualTo(before);
    }

    @Test
    void aBodyLargerThanTheCapEndsTheCallWithoutReadingIt() {
        assertThatThrownBy(() -> call(peerUrl + "/huge", Duration.ofSeconds(10)))
                .isInstanceOf(HttpStepClient.CallFailed.class).hasMessageEndingWith("response body larger than "
                        + MAX_BODY + " bytes");
        assertThatThrownBy(() -> call(peerUrl + "/chunked", Duration.ofSeconds(10)))
                .isInstanceOf(HttpStepClient.CallFailed.class).hasMessageContaining("response body larger than");
    }

    @Test
    void aSlowDripIsCutAtTheCallsDeadline() {
        // the deadline is total, not idle: a 1-byte-per-100-ms drip never idles, so only a total deadline ends it
        assertThatThrownBy(() -> call(peerUrl + "/drip", Duration.ofMillis(500)))
                .isInstanceOf(HttpStepClient.CallFailed.class).hasMessageContaining("no complete answer within 500 ms");
    }

    @Test
    void malformedAndNonHttpUrlsAreRefusedWithoutEchoingTheQuery() {
        assertThatThrownBy(() -> call("http://127.0.0.1:" + peer.getAddress().getPort() + "/a b?key=s3cret",
                Duration.ofSeconds(5))).isInstanceOf(HttpStepClient.CallFailed.class)
                .hasMessageContaining("not a valid URL").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> call("file:///etc/passwd", Duration.ofSeconds(5)))
                .isInstanceOf(HttpStepClient.CallFailed.class).hasMessageContaining("not an absolute http(s) URL");
    }
}
