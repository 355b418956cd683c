package io.lowcode.admincenter.ops.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.lowcode.portal.api.ReadModelAccount;
import io.lowcode.portal.api.ReadModelAccountPage;
import io.lowcode.portal.api.ReadModelFunction;
import io.lowcode.portal.api.ReadModelFunctionPage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Plays the portal's ops read-model API ({@code /api/v1/ops/read-model/accounts} and {@code /functions}) on a free
 * port for the admin center's reconciliation: each reconciliation's look at the portal takes the next state from the
 * test's supplier; every request's {@code Authorization} header is recorded. Can answer 503, or hold answers until
 * released, to play a portal that is down or slow.
 */
public class PortalPeer implements QuarkusTestResourceLifecycleManager {

    /** What the portal holds at one look. */
    public record State(List<ReadModelAccount> accounts, List<ReadModelFunction> functions) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final ConcurrentLinkedQueue<String> AUTHORIZATIONS = new ConcurrentLinkedQueue<>();
    private static final AtomicReference<Supplier<State>> STATES = new AtomicReference<>(
            () -> new State(List.of(), List.of()));
    private static final AtomicReference<State> CURRENT = new AtomicReference<>();
    private static volatile boolean down;
    private static volatile CountDownLatch held = new CountDownLatch(0);
    private static volatile CountDownLatch waiting = new CountDownLatch(0);
    private HttpServer http;

    /** Each look at the portal (its accounts request) takes the next state from {@code states}. */
    public static void serve(Supplier<State> states) {
        STATES.set(states);
        down = false;
    }

    /** Answer 503 to everything from now on (until {@link #serve}). */
    public static void goDown() {
        down = true;
    }

    /** Holds the next answers until {@link #release()}; {@link #awaitHeld()} waits until one is held. */
    public static void hold() {
        waiting = new CountDownLatch(1);
        held = new CountDownLatch(1);
    }

    public static void awaitHeld() throws InterruptedException {
        if (!waiting.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no request reached the portal peer");
        }
    }

    public static void release() {
        held.countDown();
    }

    /** Every Authorization header received so far. */
    public static List<String> authorizations() {
        return List.copyOf(AUTHORIZATIONS);
    }

    @Override
    public Map<String, String> start() {
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/api/v1/ops/read-model/", exchange -> {
            AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            waiting.countDown();
            try {
                held.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int status = 200;
            Object answer;
            if (down) {
                status = 503;
                answer = Map.of("title", "Service unavailable");
            } else if (exchange.getRequestURI().getPath().endsWith("/accounts")) {
                State state = STATES.get().get();
                CURRENT.set(state);
                answer = new ReadModelAccountPage(state.accounts(), null);
            } else {
                State state = CURRENT.get() != null ? CURRENT.get() : STATES.get().get();
                answer = new ReadModelFunctionPage(state.functions(), null);
            }
            byte[] bytes = JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
        return Map.of("lowcode.ops.reconciliation.portal-url", "http://127.0.0.1:" + http.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (http != null) {
            http.stop(0);
        }
    }
}
