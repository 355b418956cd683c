package io.lowcode.localstack.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.Recipients;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.localstack.platform.Platform;
import io.lowcode.localstack.testing.EventSender;

/**
 * {@code ./platform bench-notify [notifications] [rate]}: how long from a {@code notification.requested} to the IM
 * bot's webhook. A local HTTP server plays the bot (generic format); the admin center is started pointed at it. Per
 * notification the clock starts just before the event is produced to {@code system-notification-events} (the
 * producer waits for Kafka's acknowledgement, as a producer's outbox relay does) and stops when the webhook request
 * arrives: Kafka, the notifier's consumer, its inbox transaction, the dispatcher's claim and the HTTP call. Offered
 * at a fixed rate; the first 50 are a warm-up reported apart. Prints percentiles; not a test.
 */
public final class NotificationBenchmark implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP = 50;
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final HttpServer bot;
    private final Map<String, Long> received = new ConcurrentHashMap<>();

    public NotificationBenchmark() {
        try {
            bot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bot.setExecutor(Executors.newFixedThreadPool(4));
        bot.createContext("/bot", exchange -> {
            long now = System.nanoTime();
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            received.putIfAbsent(body.path("notificationId").asText(), now);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bot.start();
    }

    /** What the admin center needs to deliver to this benchmark's bot, and nothing else in the way. */
    public Map<String, String> adminCenterEnvironment() {
        return Map.of(
                "LOWCODE_NOTIFY_IM_BOTS_BENCH_URL", "http://127.0.0.1:" + bot.getAddress().getPort() + "/bot",
                "LOWCODE_NOTIFY_IM_BOTS_BENCH_FORMAT", "generic",
                // one bot receives every notification: lift its rate limit for the run
                "LOWCODE_NOTIFY_RATE_LIMIT_BOT_MAX_PER_WINDOW", "1000000");
    }

    public void run(Platform platform, int notifications, int rate) throws Exception {
        say("bot at %s; %d notifications (+%d warm-up) at %d/s, WARNING on IM to role ops", bot.getAddress(),
                notifications, WARM_UP, rate);
        Map<String, Long> measured;
        try (EventSender sender = new EventSender(platform.stack().kafka().bootstrapServers())) {
            report("warm-up (not counted)", latencies(measure(sender, WARM_UP, rate)));
            Map<String, Double> cpu = ProcessCpu.platformAndBench(platform.processes());
            measured = measure(sender, notifications, rate);
            String cpuUsed = ProcessCpu.used(cpu, ProcessCpu.platformAndBench(platform.processes()));
            report("requested → webhook  ", latencies(measured));
            say("CPU during the measured notifications: %s", cpuUsed);
        }
        String admin = login(platform);
        breakdown(platform, admin, measured.keySet());
        JsonNode sent = get(platform.url("admin-center") + "/api/v1/notifications?channel=IM&status=SENT&size=1", admin);
        JsonNode failed = get(platform.url("admin-center") + "/api/v1/notifications?status=FAILED&size=1", admin);
        say("delivery log: %d IM deliveries SENT, %d FAILED", sent.path("total").asLong(), failed.path("total").asLong());
        // the consumer's own view: receive → inbox transaction committed, per notification.requested (whole run)
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.managementUrl("admin-center")
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = metric(metrics, "lowcode_events_processing_seconds_sum{type=\"notification.requested\"}");
        double count = metric(metrics, "lowcode_events_processing_seconds_count{type=\"notification.requested\"}");
        double max = metric(metrics, "lowcode_events_processing_seconds_max{type=\"notification.requested\"}");
        say("consumer: %.0f notification.requested applied, mean %.1f ms, max %.1f ms (receive → inbox commit)", count,
                count == 0 ? 0 : sum / count * 1000, max * 1000);
    }

    /** Where the time went, from the delivery log: event time → row written (Kafka + consumer), → sent (dispatch). */
    private static void breakdown(Platform platform, String admin, java.util.Set<String> ids) throws Exception {
        List<Double> planned = new ArrayList<>();
        List<Double> dispatched = new ArrayList<>();
        for (int page = 0; planned.size() < ids.size(); page++) {
            JsonNode items = get(platform.url("admin-center") + "/api/v1/notifications?channel=IM&status=SENT&size=200&page="
                    + page, admin).path("items");
            if (items.isEmpty()) {
                break;
            }
            for (JsonNode item : items) {
                if (ids.contains(item.path("notificationId").asText())) {
                    java.time.Instant requested = java.time.Instant.parse(item.path("requestedAt").asText());
                    java.time.Instant created = java.time.Instant.parse(item.path("createdAt").asText());
                    java.time.Instant sent = java.time.Instant.parse(item.path("sentAt").asText());
                    planned.add(Duration.between(requested, created).toNanos() / 1e6);
                    dispatched.add(Duration.between(created, sent).toNanos() / 1e6);
                }
            }
        }
        Collections.sort(planned);
        Collections.sort(dispatched);
        report("  of which requested → row written (Kafka, consumer, inbox transaction)", planned);
        report("  of which row written → sent (claim, HTTP, mark)                      ", dispatched);
    }

    private static List<Double> latencies(Map<String, Long> measured) {
        List<Double> sorted = new ArrayList<>(measured.values().stream().map(n -> n / 1e6).toList());
        Collections.sort(sorted);
        return sorted;
    }

    /** Sends {@code count} notifications at {@code rate}; returns each one's latency in nanoseconds, by id. */
    private Map<String, Long> measure(EventSender sender, int count, int rate) {
        Map<String, Long> started = new ConcurrentHashMap<>();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < count; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            String id = UUID.randomUUID().toString();
            started.put(id, System.nanoTime());
            sender.send(EventEnvelope.of(EventType.NOTIFICATION_REQUESTED, id,
                            new NotificationRequested(id, new Recipients(List.of(), List.of("ops")), "alert-raised",
                                    Map.of("alertId", "bench-" + run + "-" + i, "rule", "bench", "summary",
                                            "notification " + i + " of run " + run), Severity.WARNING, List.of(Channel.IM)))
                    .withSource(SourceModule.OPS_MIGRATOR));
        }
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (!received.keySet().containsAll(started.keySet())) {
            if (System.nanoTime() > deadline) {
                long missing = started.keySet().stream().filter(id -> !received.containsKey(id)).count();
                throw new IllegalStateException(missing + " of " + count + " notifications not delivered within "
                        + GIVE_UP);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        Map<String, Long> latencies = new java.util.HashMap<>();
        started.forEach((id, t0) -> latencies.put(id, received.get(id) - t0));
        return latencies;
    }

    private static double metric(String exposition, String series) {
        return io.lowcode.localstack.testing.PrometheusText.value(exposition, series).orElse(0.0);
    }

    private static void report(String what, List<Double> sorted) {
        System.out.printf("[bench-notify] %s  n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n", what,
                sorted.size(), percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String login(Platform platform) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.url("admin-center") + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of(
                        "username", platform.admin().username(), "password", platform.admin().password()))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static void say(String format, Object... args) {
        System.out.printf("[bench-notify] " + format + "%n", args);
    }

    @Override
    public void close() {
        bot.stop(0);
    }
}
