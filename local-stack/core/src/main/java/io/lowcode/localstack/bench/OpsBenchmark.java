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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.lowcode.localstack.platform.Platform;
import io.lowcode.localstack.testing.EventSender;

/**
 * {@code ./platform bench-ops [requests] [trials]}: the operations API and the alert path on a platform of its own,
 * with the admin center's default sampling (5 s × 6) and evaluation (15 s). Adds 20 topics and 50 consumer groups,
 * then (1) times {@code requests} sequential calls of each monitoring endpoint (p50/p95/p99/max) and (2) runs
 * {@code trials} times "a consumer stops committing while it owns its partition and records keep coming" and times
 * condition → {@code alert.raised} delivered to an IM webhook (a local HTTP server), then lets it catch up and waits
 * for the resolution. Prints the CPU seconds each process used during each part. Not a test: nothing is asserted.
 */
public final class OpsBenchmark implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOPICS = 20;
    private static final int GROUPS = 50;
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    private final HttpServer bot;
    private final Map<String, Long> raised = new ConcurrentHashMap<>();
    private final Map<String, Long> resolved = new ConcurrentHashMap<>();
    /** Alert id → group, from the raised messages (a resolution names the alert, not its target). */
    private final Map<String, String> groupOfAlert = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public OpsBenchmark() {
        try {
            bot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bot.setExecutor(Executors.newFixedThreadPool(2));
        bot.createContext("/bot", exchange -> {
            long now = System.nanoTime();
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String alertId = body.path("parameters").path("alertId").asText();
            if (body.path("template").asText().equals("alert-raised")) {
                String group = body.path("parameters").path("target").asText();
                groupOfAlert.put(alertId, group);
                raised.putIfAbsent(group, now);
            } else {
                resolved.putIfAbsent(groupOfAlert.getOrDefault(alertId, alertId), now);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bot.start();
    }

    /** The admin center delivers to this benchmark's bot. */
    public Map<String, String> adminCenterEnvironment() {
        return Map.of("LOWCODE_NOTIFY_IM_BOTS_BENCH_URL", "http://127.0.0.1:" + bot.getAddress().getPort() + "/bot",
                "LOWCODE_NOTIFY_IM_BOTS_BENCH_FORMAT", "generic",
                "LOWCODE_NOTIFY_RATE_LIMIT_BOT_MAX_PER_WINDOW", "1000000");
    }

    public void run(Platform platform, int requests, int trials) throws Exception {
        String bootstrap = platform.stack().kafka().bootstrapServers();
        List<String> groups = populate(platform, bootstrap);
        String token = login(platform);
        String base = platform.url("admin-center") + "/api/v1/ops";
        say("%d topics and %d consumer groups added; waiting for a full sampling window", TOPICS, GROUPS);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (get(base + "/consumer-groups", token).size() < GROUPS && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
        LockSupport.parkNanos(Duration.ofSeconds(35).toNanos()); // a full window (6 × 5 s) behind every group

        Map<String, Double> cpu = ProcessCpu.seconds(platform.processes());
        for (String path : List.of("/cluster", "/topics", "/consumer-groups", "/consumer-groups/" + groups.get(0),
                "/event-flow")) {
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                ms.add((System.nanoTime() - t0) / 1e6);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
                }
            }
            report("GET /api/v1/ops" + (path.startsWith("/consumer-groups/") ? "/consumer-groups/{group}" : path), ms);
        }
        say("CPU during the API runs: %s", ProcessCpu.used(cpu, ProcessCpu.seconds(platform.processes())));

        cpu = ProcessCpu.seconds(platform.processes());
        List<Double> toAlert = new ArrayList<>();
        List<Double> toResolved = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            double[] times = trial(bootstrap, "portal.bench-stall-" + trial + "-" + System.nanoTime() % 10000);
            toAlert.add(times[0]);
            toResolved.add(times[1]);
            say("trial %d: condition → alert.raised at the webhook %.1f s; caught up → alert.resolved %.1f s", trial + 1,
                    times[0] / 1000, times[1] / 1000);
        }
        report("condition → alert.raised delivered", toAlert);
        report("caught up → alert.resolved delivered", toResolved);
        say("CPU during the alert trials: %s", ProcessCpu.used(cpu, ProcessCpu.seconds(platform.processes())));
    }

    /** 20 topics of 3 partitions with records, and 50 groups with committed offsets on them (no members). */
    private List<String> populate(Platform platform, String bootstrap) throws Exception {
        List<String> groups = new ArrayList<>();
        try (Admin admin = platform.stack().kafka().admin(); EventSender sender = new EventSender(bootstrap)) {
            List<NewTopic> topics = new ArrayList<>();
            for (int t = 0; t < TOPICS; t++) {
                topics.add(new NewTopic("bench-ops-" + t, 3, (short) platform.stack().kafka().replicationFactor()));
            }
            admin.createTopics(topics).all().get();
            for (int t = 0; t < TOPICS; t++) {
                for (int r = 0; r < 30; r++) {
                    sender.send("bench-ops-" + t, r % 3, "k" + r, ("record " + r).getBytes());
                }
            }
            for (int g = 0; g < GROUPS; g++) {
                String group = "bench-ops.group-" + g;
                Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
                for (int p = 0; p < 3; p++) {
                    offsets.put(new TopicPartition("bench-ops-" + (g % TOPICS), p), new OffsetAndMetadata(5 + g % 5));
                }
                admin.alterConsumerGroupOffsets(group, offsets).all().get();
                groups.add(group);
            }
        }
        return groups;
    }

    /** One stalled consumer: ms from its first unconsumed record to alert.raised, and from catching up to resolved. */
    private double[] trial(String bootstrap, String group) throws Exception {
        String topic = "bench-ops-stall-" + group.substring(group.lastIndexOf('-') + 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all().get();
        }
        AtomicBoolean producing = new AtomicBoolean(true);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer()); EventSender sender = new EventSender(bootstrap)) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)));
            long start = System.nanoTime();
            Thread producer = new Thread(() -> {
                while (producing.get()) {
                    sender.send(topic, 0, "k", "stalled".getBytes());
                    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                }
            });
            producer.start();
            long deadline = start + GIVE_UP.toNanos();
            while (!raised.containsKey(group) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)); // a live member that owns the partition and commits nothing
            }
            producing.set(false);
            producer.join();
            if (!raised.containsKey(group)) {
                throw new IllegalStateException("no alert for " + group + " within " + GIVE_UP);
            }
            long caughtUp = System.nanoTime();
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(consumer.endOffsets(List.of(partition)).get(partition))));
            deadline = caughtUp + GIVE_UP.toNanos();
            while (!resolved.containsKey(group) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            if (!resolved.containsKey(group)) {
                throw new IllegalStateException("no resolution for " + group + " within " + GIVE_UP);
            }
            return new double[] { (raised.get(group) - start) / 1e6, (resolved.get(group) - caughtUp) / 1e6 };
        }
    }

    private String login(Platform platform) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.url("admin-center")
                        + "/api/v1/auth/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of(
                        "username", platform.admin().username(), "password", platform.admin().password()))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createArrayNode();
    }

    private static void report(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf("[bench-ops] %-45s n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n", what,
                sorted.size(), percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void say(String format, Object... args) {
        System.out.printf("[bench-ops] " + format + "%n", args);
    }

    @Override
    public void close() {
        bot.stop(0);
    }
}
