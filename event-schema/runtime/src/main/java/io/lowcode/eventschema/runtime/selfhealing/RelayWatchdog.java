package io.lowcode.eventschema.runtime.selfhealing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.runtime.ServiceConfig;
import io.lowcode.eventschema.runtime.messaging.OutboxPublisher;
import io.lowcode.eventschema.runtime.messaging.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Restarts an outbox relay that stopped making progress. A relay pass claims the oldest unpublished rows
 * ({@code FOR UPDATE SKIP LOCKED}) and holds them in its transaction until Kafka acknowledged them — at most
 * {@code lowcode.messaging.relay.send-timeout}. A pass of any pod of this service whose database session sits idle in
 * that transaction for longer than {@code lowcode.self-healing.relay.stall-timeout} will not finish (its pod hangs, its
 * connection went half-open, its code waits for an answer that never comes): every other relay skips its rows, and
 * their keys, for as long as the session lives. The watchdog finds such sessions by the service's
 * {@code application_name} and the relay's own statements, terminates them ({@code pg_terminate_backend}: PostgreSQL
 * rolls their transaction back and releases the rows) and restarts this pod's relay loop, which publishes the rows in
 * order. HEALED once the oldest row waiting at detection has been published, FAILED if not within another stall
 * timeout. A relay that only waits for Kafka is never touched: its passes end when their sends time out.
 */
@ApplicationScoped
public class RelayWatchdog {

    /** Sessions of this service idle inside a relay pass's transaction for longer than $2 seconds. */
    private static final String STUCK = """
            SELECT pid, extract(epoch FROM now() - state_change) AS idle, left(query, 60) AS statement
            FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1
              AND state LIKE 'idle in transaction%' AND state_change < now() - make_interval(secs => $2)
              AND (query LIKE '%FROM outbox_event%FOR UPDATE SKIP LOCKED%'
                   OR query LIKE '%SELECT DISTINCT event_key FROM outbox_event%'
                   OR query LIKE '%UPDATE outbox_event SET%')""";

    private final Pool pool;
    private final OutboxRelay relay;
    private final OutboxPublisher publisher;
    private final Incidents incidents;
    private final SelfHealingConfig.Relay config;
    private final MeterRegistry registry;
    private final String applicationName;
    private volatile Pending pending;

    public RelayWatchdog(Pool pool, OutboxRelay relay, OutboxPublisher publisher, Incidents incidents,
            SelfHealingConfig config, ServiceConfig service, MeterRegistry registry) {
        this.pool = pool;
        this.relay = relay;
        this.publisher = publisher;
        this.incidents = incidents;
        this.config = config.relay();
        this.registry = registry;
        this.applicationName = service.name();
    }

    /** A restart waiting for its outcome: the oldest row that waited when it was detected. */
    private record Pending(Instant detectedAt, long restartedAt, Instant oldest, long backlog, String detection,
            String action) {
    }

    @Scheduled(every = "${lowcode.self-healing.check-interval:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        Pending waiting = pending;
        Uni<Void> step = waiting != null ? verify(waiting) : detect();
        return step.onFailure().invoke(failure -> Log.debugf("relay watchdog: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> detect() {
        return pool.preparedQuery(STUCK).execute(Tuple.of(applicationName, (double) config.stallTimeout().toSeconds()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Integer> pids = new ArrayList<>();
                    List<String> seen = new ArrayList<>();
                    for (Row row : rows) {
                        pids.add(row.getInteger("pid"));
                        seen.add("pid " + row.getInteger("pid") + " idle " + Math.round(row.getDouble("idle")) + " s after `"
                                + row.getString("statement").replaceAll("\\s+", " ").strip() + "…`");
                    }
                    return relay.backlogAndOldest().flatMap(backlog -> restart(pids, seen, backlog));
                });
    }

    private Uni<Void> restart(List<Integer> pids, List<String> seen, OutboxRelay.Backlog backlog) {
        String detection = "relay pass(es) of " + applicationName + " stopped in their transaction holding claimed outbox "
                + "rows: " + String.join("; ", seen) + "; backlog " + backlog.pending() + ", oldest since "
                + backlog.oldest();
        String action = "terminated " + pids.size() + " stuck relay session(s) (pg_terminate_backend " + pids
                + ": their transactions roll back and release the rows) and restarted the relay loop";
        Log.warnf("outbox relay stalled: %s; %s", detection, action);
        registry.counter("lowcode.relay.restarts").increment();
        Instant detectedAt = Instant.now();
        return pool.preparedQuery("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid")
                .execute(Tuple.of(pids.toArray(new Integer[0])))
                .invoke(() -> {
                    pending = new Pending(detectedAt, System.nanoTime(), backlog.oldest(), backlog.pending(), detection,
                            action);
                    publisher.restart();
                })
                .replaceWithVoid();
    }

    private Uni<Void> verify(Pending p) {
        return relay.backlogAndOldest().flatMap(backlog -> {
            boolean healed = p.oldest() == null || backlog.oldest() == null || backlog.oldest().isAfter(p.oldest());
            long elapsed = System.nanoTime() - p.restartedAt();
            if (!healed && elapsed < config.stallTimeout().toNanos()) {
                publisher.wake();
                return Uni.createFrom().voidItem();
            }
            pending = null;
            return incidents.record(new Incidents.Incident(Incidents.RELAY_STALLED, "outbox of " + applicationName,
                    p.detectedAt(), p.detection(), p.action(), healed ? Incidents.HEALED : Incidents.FAILED,
                    healed ? "the rows that waited were published " + Duration.ofNanos(elapsed).toMillis()
                            + " ms after the restart; backlog now " + backlog.pending()
                            : "the oldest row (since " + p.oldest() + ") was still unpublished " + config.stallTimeout()
                                    + " after the restart", Instant.now()));
        });
    }

    /** How many times this pod restarted the relay. */
    public long restarts() {
        var counter = registry.find("lowcode.relay.restarts").counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
