package io.lowcode.localstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.platform.Platform;

/**
 * {@code ./platform bench}: on one platform, in one run — (1) raw Kafka producer throughput
 * ({@code acks=all}, idempotent, records the size of a real event), (2) the outbox relay alone draining
 * committed rows, (3) REST create → applied in the admin center, at a fixed offered load, with latency
 * percentiles. Prints a table; not a test.
 */
public final class FunctionUnitBenchmark {

    private static final String WORKSTATION_OUTBOX = "workstation.outbox_event";
    /**
     * Where the raw producer and the relay-alone rows go: a topic of the benchmark's own that no service consumes (the
     * dead-letter topics used before are indexed by the admin center, whose indexing of the 120,000 records then
     * overlapped the REST phase).
     */
    private static final String BENCH_TOPIC = "bench-unconsumed";

    private final Platform platform;
    private final EventCodec codec = EventCodec.shared();

    public FunctionUnitBenchmark(Platform platform) {
        this.platform = platform;
    }

    private Map<String, Double> cpu() {
        return ProcessCpu.platformAndBench(platform.processes());
    }

    /**
     * Runs the three measurements; {@code rate} requests/s for {@code seconds} in the last one, after {@code warmUp}
     * seconds of the same load that are not measured (a service just started spends most of its CPU in the JIT
     * compiler: measured with JFR, see {@code src-docs/benchmarks.md}).
     */
    public void run(int rawRecords, int relayRows, int rate, int seconds, int warmUp) throws Exception {
        byte[] sample = codec.serialize(event(UUID.randomUUID()));
        say("record size %d bytes (a serialized function-unit.created)", sample.length);

        try (var admin = platform.stack().kafka().admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(BENCH_TOPIC, 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Double> cpu = cpu();
        double raw = rawProducer(rawRecords, sample);
        say("CPU during the raw producer: %s", ProcessCpu.used(cpu, cpu = cpu()));
        double relay = relayAlone(relayRows);
        say("CPU during the relay alone: %s", ProcessCpu.used(cpu, cpu = cpu()));
        if (warmUp > 0) {
            Latencies warm = restToApplied(rate, warmUp);
            say("warm-up (not measured): %d s at %d req/s offered, %,.0f achieved, %d errors, p99 %.0f ms",
                    warmUp, rate, warm.achievedRate, warm.errors, warm.percentile(99));
            say("CPU during the warm-up: %s", ProcessCpu.used(cpu, cpu = cpu()));
        }
        Latencies rest = restToApplied(rate, seconds);
        say("CPU during REST create → applied (%d s offered, then the drain): %s", seconds,
                ProcessCpu.used(cpu, cpu()));

        System.out.printf("""

                | measurement | result |
                |---|---|
                | raw producer, acks=all, idempotent, %d × %d B | %,.0f records/s |
                | outbox relay alone, %d committed rows drained | %,.0f events/s (%.0f %% of raw) |
                | REST create → applied in admin-center, offered %d req/s for %d s (after %d s warm-up) | %,.0f req/s achieved, %d errors |
                | latency p50 / p95 / p99 / max | %.1f / %.1f / %.1f / %.1f ms (%d applied of %d) |
                %n""", rawRecords, sample.length, raw, relayRows, relay, 100 * relay / raw, rate, seconds,
                warmUp, rest.achievedRate, rest.errors, rest.percentile(50), rest.percentile(95), rest.percentile(99),
                rest.percentile(100), rest.samples.size(), rest.sent);
    }

    private double rawProducer(int records, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.stack().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            // warm-up: metadata, connections, JIT
            producer.send(new ProducerRecord<>(BENCH_TOPIC, "warm-up", value)).get();
            CountDownLatch acked = new CountDownLatch(records);
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(BENCH_TOPIC, "bench-" + (i % 1000), value),
                        (metadata, error) -> acked.countDown());
            }
            acked.await(5, TimeUnit.MINUTES);
            double rate = records / seconds(start);
            say("raw producer: %,.0f records/s", rate);
            return rate;
        }
    }

    /**
     * Inserts committed-looking rows straight into the workstation's outbox and times the relay draining
     * them. They go to a topic nobody consumes, so the relay is measured alone, without the consumers competing for
     * the two cores.
     */
    private double relayAlone(int rows) throws Exception {
        try (Connection c = platform.stack().postgres().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + WORKSTATION_OUTBOX
                    + " (event_id, topic, event_key, event_type, payload) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    UUID unit = UUID.randomUUID();
                    EventEnvelope<FunctionUnitCreated> event = event(unit);
                    insert.setObject(1, UUID.fromString(event.id()));
                    insert.setString(2, BENCH_TOPIC);
                    insert.setString(3, event.subject());
                    insert.setString(4, event.type().type());
                    insert.setBytes(5, codec.serialize(event));
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                long start = System.nanoTime(); // the relay sees the rows from the commit on
                double committed = epoch(c); // seconds, the database's clock like published_at
                while (pending(c) > 0) {
                    Thread.sleep(20);
                }
                double wall = seconds(start);
                // each pass marks its rows with its own statement time, right after Kafka acknowledged them: the
                // relay's rate is what it published after its first pass over the time between the first and last
                try (PreparedStatement marks = c.prepareStatement("""
                        WITH mine AS (SELECT extract(epoch FROM published_at) AS t FROM %s
                                      WHERE topic = ? AND published_at > to_timestamp(?))
                        SELECT min(t), max(t), count(*) FILTER (WHERE t = (SELECT min(t) FROM mine)) FROM mine"""
                        .formatted(WORKSTATION_OUTBOX))) {
                    marks.setString(1, BENCH_TOPIC);
                    marks.setDouble(2, committed);
                    try (ResultSet rs = marks.executeQuery()) {
                        rs.next();
                        c.commit();
                        double first = rs.getDouble(1);
                        long firstPass = rs.getLong(3);
                        double span = rs.getDouble(2) - first;
                        double rate = span > 0 ? (rows - firstPass) / span : rows / wall;
                        say("outbox relay alone: %,.0f events/s (%,d rows after its first pass of %,d over %.2f s); "
                                + "drained %.2f s after the commit, the first pass acknowledged %.0f ms after it (the "
                                + "sweep finds rows it was not woken for within its interval)", rate, rows - firstPass,
                                firstPass, span, wall, 1000 * (first - committed));
                        return rate;
                    }
                }
            }
        }
    }

    private static double epoch(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT extract(epoch FROM clock_timestamp())::float8")) {
            rs.next();
            c.commit();
            return rs.getDouble(1);
        }
    }

    private Latencies restToApplied(int rate, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        URI create = URI.create(platform.url("workstation") + "/api/v1/function-units");
        String bearer = "Bearer " + platform.tokens().token("bench-developer", java.util.List.of("developer"),
                java.time.Instant.now(), Duration.ofHours(2));
        int total = rate * seconds;
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(total);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        AtomicInteger issued = new AtomicInteger();
        long begin = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            if (issued.incrementAndGet() > total) {
                return;
            }
            long sent = System.currentTimeMillis();
            HttpRequest request = HttpRequest.newBuilder(create).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"definition\":{\"steps\":[]}}"))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() != 201) {
                    if (errors.incrementAndGet() == 1) {
                        say("first error: %s", failure != null ? failure : response.statusCode() + " " + response.body());
                    }
                } else {
                    String body = response.body();
                    int at = body.indexOf("\"id\":\"") + 6;
                    startedAt.put(body.substring(at, at + 36), sent);
                }
                answered.countDown();
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        answered.await(seconds + 120L, TimeUnit.SECONDS);
        double achieved = total / seconds(begin);
        clock.shutdownNow();

        List<Double> samples = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection c = platform.stack().postgres().connect()) {
            while (System.nanoTime() < deadline) {
                samples = appliedLatencies(c, startedAt);
                if (samples.size() >= startedAt.size()) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        Collections.sort(samples);
        try (Connection c = platform.stack().postgres().connect()) {
            say("where the time goes (ms, p50 / p95 / p99): %s", stages(c, startedAt.keySet()));
        }
        return new Latencies(samples, total, errors.get(), achieved);
    }

    /** REST start (client clock) → the admin center's inbox commit (database clock; same machine). */
    private static List<Double> appliedLatencies(Connection c, Map<String, Long> startedAt) throws Exception {
        List<Double> latencies = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT o.event_key, (extract(epoch FROM i.processed_at) * 1000)::bigint
                FROM admin_center.inbox_event i JOIN workstation.outbox_event o ON o.event_id = i.event_id
                WHERE i.consumer_group = 'function-unit-inventory' AND o.event_type = 'function-unit.created'""")) {
            while (rs.next()) {
                Long sent = startedAt.get(rs.getString(1));
                if (sent != null) {
                    latencies.add((double) (rs.getLong(2) - sent));
                }
            }
        }
        return latencies;
    }

    /**
     * The stages of the measured creates, from the database's clock: the workstation's transaction (outbox row written)
     * → Kafka's acknowledgement (row marked published) → the admin center's inbox commit.
     */
    private static String stages(Connection c, java.util.Set<String> units) throws Exception {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM o.published_at - o.created_at) * 1000),
                       percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM i.processed_at - o.published_at) * 1000)
                FROM admin_center.inbox_event i JOIN workstation.outbox_event o ON o.event_id = i.event_id
                WHERE i.consumer_group = 'function-unit-inventory' AND o.event_type = 'function-unit.created'
                AND o.event_key = ANY(?)""")) {
            s.setArray(1, c.createArrayOf("text", units.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return "outbox row → Kafka ack " + percentiles(rs.getArray(1)) + "; Kafka ack → applied in admin-center "
                        + percentiles(rs.getArray(2));
            }
        }
    }

    /** "p50 / p95 / p99", or "n/a" when nothing was applied (the database answers NULL). */
    private static String percentiles(java.sql.Array values) throws Exception {
        Object[] p = values == null ? null : (Object[]) values.getArray();
        return p == null || p[0] == null ? "n/a"
                : String.format("%.0f / %.0f / %.0f", (Double) p[0], (Double) p[1], (Double) p[2]);
    }

    private static long pending(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + WORKSTATION_OUTBOX + " WHERE published_at IS NULL")) {
            rs.next();
            c.commit();
            return rs.getLong(1);
        }
    }

    private static EventEnvelope<FunctionUnitCreated> event(UUID unit) {
        return EventEnvelope.of(EventType.FUNCTION_UNIT_CREATED, unit.toString(),
                new FunctionUnitCreated(unit.toString(), "bench unit", "a function unit for the benchmark", "bench",
                        FunctionUnitCreated.UNCATEGORIZED)).withSource(SourceModule.WORKSTATION)
                .withCorrelationId(UUID.randomUUID().toString());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    private record Latencies(List<Double> samples, int sent, int errors, double achievedRate) {
        double percentile(int p) {
            if (samples.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * samples.size()) - 1;
            return samples.get(Math.max(0, Math.min(samples.size() - 1, index)));
        }
    }
}
