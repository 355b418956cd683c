package io.lowcode.eventschema.runtime.messaging;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox rows to Kafka through {@link RelayProducer} (idempotent producer,
 * {@code acks=all}, configured in {@code lowcode.messaging.relay.producer.*}). One pass claims the
 * oldest unpublished rows with {@code FOR UPDATE SKIP LOCKED}, drops every row of a key that has an
 * older unpublished row the pass does not hold (another relay is sending it), and sends the rest in
 * {@code seq} order through one producer thread — so events of one business object reach Kafka in
 * commit order even with several relays (pods, the after-commit path and the sweep) running at once. Rows are marked published only after
 * Kafka acknowledged them; a crash between the two republishes the event, which consumers' inboxes
 * absorb. A pass claims at most {@code batch-size} rows and {@code batch-bytes} of payload (one row at least), so
 * large events never pile up in memory. A row Kafka refuses for good (too large, invalid) is parked —
 * {@code parked_at} set, an error logged, {@code lowcode_outbox_parked_total} counted — instead of being retried
 * forever in front of its key.
 */
@ApplicationScoped
public class OutboxRelay {

    /**
     * The oldest unpublished rows (optionally of some keys), at most $1 rows and — past the first — $2 bytes of payload;
     * rows another relay holds are skipped. Rows locked beyond the byte budget stay locked until the pass commits
     * (other relays leave them alone) and are sent by the next pass.
     */
    private static final String CLAIM = """
            WITH claimed AS (
                SELECT seq, octet_length(payload) AS bytes FROM outbox_event
                WHERE published_at IS NULL AND parked_at IS NULL %s
                ORDER BY seq
                LIMIT $1
                FOR UPDATE SKIP LOCKED),
            budgeted AS (
                SELECT seq, sum(bytes) OVER (ORDER BY seq) AS total, row_number() OVER (ORDER BY seq) AS n FROM claimed)
            SELECT o.seq, o.event_id, o.topic, o.event_key, o.event_type, o.payload, o.created_at
            FROM outbox_event o JOIN budgeted b ON b.seq = o.seq
            WHERE b.total <= $2 OR b.n = 1
            ORDER BY o.seq""";
    private static final String CLAIM_ALL = CLAIM.formatted("");
    /** Keys with an older unpublished row this pass does not hold (another relay has it): not ours to send yet. */
    private static final String BLOCKED_KEYS = """
            SELECT DISTINCT event_key FROM outbox_event
            WHERE published_at IS NULL AND parked_at IS NULL AND event_key = ANY($1) AND seq < $2
            AND NOT (seq = ANY($3))""";

    private final Pool pool;
    private final RelayProducer producer;
    private final EventMetrics metrics;
    private final MessagingConfig.Relay config;
    private final java.util.Map<UUID, CompletableFuture<Void>> acknowledgements =
            new java.util.concurrent.ConcurrentHashMap<>();

    public OutboxRelay(Pool pool, RelayProducer producer, EventMetrics metrics, MessagingConfig config) {
        this.pool = pool;
        this.producer = producer;
        this.metrics = metrics;
        this.config = config.relay();
    }

    /** What one pass did. */
    public record Pass(int claimed, int published, int failed) {
        static final Pass EMPTY = new Pass(0, 0, 0);

        /** Whether another pass may find more work: something was published and nothing failed. */
        public boolean mayContinue() {
            return published > 0 && failed == 0;
        }
    }

    private record Claimed(long seq, UUID eventId, String topic, String key, String type, byte[] payload,
            OffsetDateTime createdAt) {
    }

    private record Sent(Claimed row, Throwable failure) {
    }

    /** One pass over every key. */
    public Uni<Pass> publishPass() {
        return pool.withTransaction(connection -> claim(connection, CLAIM_ALL,
                        Tuple.of(config.batchSize(), config.batchBytes().asLongValue()))
                .flatMap(rows -> publish(connection, rows)));
    }

    /**
     * Completes (with nothing) when Kafka has acknowledged event {@code id} sent by this relay; the
     * caller removes it with {@link #forget} when it stops waiting.
     */
    CompletableFuture<Void> acknowledgement(UUID id) {
        return acknowledgements.computeIfAbsent(id, ignored -> new CompletableFuture<>());
    }

    void forget(UUID id) {
        acknowledgements.remove(id);
    }

    /** How many of {@code ids} are not yet acknowledged by Kafka. */
    public Uni<Integer> unpublished(List<UUID> ids) {
        return pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL "
                        + "AND event_id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new UUID[0])))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * The outbox's backlog: how many rows wait for Kafka and when the oldest of them was committed.
     *
     * @param pending rows not yet acknowledged
     * @param oldest  commit time of the oldest of them, {@code null} when none waits
     */
    public record Backlog(long pending, java.time.Instant oldest) {
    }

    /** Events committed but not yet acknowledged and the commit time of the oldest, for the backlog gauges. */
    public Uni<Backlog> backlogAndOldest() {
        return pool.query("SELECT count(*), min(created_at) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime oldest = row.getOffsetDateTime(1);
                    return new Backlog(row.getLong(0), oldest == null ? null : oldest.toInstant());
                });
    }

    /** Deletes published rows older than {@code age}; the inboxes keep the ids that matter for deduplication. */
    public Uni<Integer> purgePublished(Duration age) {
        return pool.preparedQuery("DELETE FROM outbox_event WHERE published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) age.toSeconds()))
                .map(io.vertx.mutiny.sqlclient.SqlResult::rowCount);
    }

    private Uni<List<Claimed>> claim(SqlConnection connection, String sql, Tuple arguments) {
        return connection.preparedQuery(sql).execute(arguments).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(new Claimed(row.getLong("seq"), row.getUUID("event_id"), row.getString("topic"),
                        row.getString("event_key"), row.getString("event_type"), row.getBuffer("payload").getBytes(),
                        row.getOffsetDateTime("created_at")));
            }
            return claimed;
        });
    }

    private Uni<Pass> publish(SqlConnection connection, List<Claimed> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Pass.EMPTY);
        }
        return blockedKeys(connection, rows).flatMap(blocked -> {
            List<Claimed> sendable = rows.stream().filter(row -> !blocked.contains(row.key())).toList();
            if (sendable.isEmpty()) {
                return Uni.createFrom().item(new Pass(rows.size(), 0, 0));
            }
            return send(sendable).flatMap(results -> mark(connection, results));
        });
    }

    private Uni<java.util.Set<String>> blockedKeys(SqlConnection connection, List<Claimed> rows) {
        String[] keys = rows.stream().map(Claimed::key).distinct().toArray(String[]::new);
        Long[] seqs = rows.stream().map(Claimed::seq).toArray(Long[]::new);
        long newest = rows.get(rows.size() - 1).seq();
        return connection.preparedQuery(BLOCKED_KEYS).execute(Tuple.of(keys, newest, seqs)).map(result -> {
            java.util.Set<String> blocked = new java.util.HashSet<>();
            result.forEach(row -> blocked.add(row.getString(0)));
            return blocked;
        });
    }

    /**
     * Sends the rows in claim order in one go; a request waiting for a row is released as soon as Kafka acknowledged
     * it. A row not acknowledged within {@code send-timeout} counts as failed (left in the outbox for a later pass).
     */
    private Uni<List<Sent>> send(List<Claimed> rows) {
        List<CompletableFuture<Void>> acks = producer.sendAll(rows.stream()
                .map(row -> new RelayProducer.Outgoing(row.topic(), row.key(), row.payload())).toList());
        for (int i = 0; i < rows.size(); i++) {
            UUID id = rows.get(i).eventId();
            acks.get(i).thenRun(() -> {
                var waiting = acknowledgements.get(id);
                if (waiting != null) {
                    waiting.complete(null);
                }
            });
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                        .handle((ignored, failure) -> true))
                .ifNoItem().after(config.sendTimeout()).recoverWithItem(false)
                .map(ignored -> {
                    List<Sent> sent = new ArrayList<>(rows.size());
                    for (int i = 0; i < rows.size(); i++) {
                        CompletableFuture<Void> ack = acks.get(i);
                        Throwable failure = ack.isDone() ? ack.handle((done, refused) -> refused).getNow(null)
                                : new TimeoutException("not acknowledged by Kafka within " + config.sendTimeout());
                        sent.add(new Sent(rows.get(i), failure));
                    }
                    return sent;
                });
    }

    private Uni<Pass> mark(SqlConnection connection, List<Sent> results) {
        List<Long> acknowledged = new ArrayList<>();
        List<Tuple> failures = new ArrayList<>();
        List<Tuple> parked = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (Sent sent : results) {
            Claimed row = sent.row();
            metrics.published(row.type(), sent.failure() == null);
            if (sent.failure() == null) {
                acknowledged.add(row.seq());
                metrics.publishLatency(row.type(), Duration.between(row.createdAt(), now));
            } else if (refusedForGood(sent.failure())) {
                parked.add(Tuple.of(row.seq(), String.valueOf(sent.failure())));
                metrics.parked(row.type(), row.topic());
                Log.errorf("relay: Kafka refuses event %s (%s, seq %d, key %s, %d bytes) for good: %s; it is parked "
                        + "(outbox_event.parked_at) and not retried, so the events behind it on its key go on "
                        + "(lowcode_outbox_parked_total)", row.eventId(), row.type(), row.seq(), row.key(),
                        row.payload().length, sent.failure().toString());
            } else {
                failures.add(Tuple.of(row.seq(), String.valueOf(sent.failure())));
            }
        }
        if (!failures.isEmpty()) {
            Log.warnf("relay: %d of %d events not acknowledged by Kafka, left in the outbox: %s", failures.size(),
                    results.size(), failures.get(0).getString(1));
        }
        Uni<Void> published = acknowledged.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("""
                        UPDATE outbox_event SET published_at = statement_timestamp(), attempts = attempts + 1,
                            last_error = NULL
                        WHERE seq = ANY($1)""").execute(Tuple.of(acknowledged.toArray(new Long[0]))).replaceWithVoid();
        Uni<Void> failed = failures.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE seq = $1")
                        .executeBatch(failures).replaceWithVoid();
        Uni<Void> park = parked.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("""
                        UPDATE outbox_event SET parked_at = now(), attempts = attempts + 1, last_error = $2
                        WHERE seq = $1""").executeBatch(parked).replaceWithVoid();
        // The marks are bookkeeping: lost in a crash, the rows are sent again and the consumers' inboxes absorb the
        // copies. So this transaction's commit does not wait for the WAL flush (one fsync per pass saved; the business
        // transactions that wrote the rows stay synchronous).
        Uni<Void> relaxed = connection.query("SET LOCAL synchronous_commit TO OFF").execute().replaceWithVoid();
        // a parked row counts as done for this pass: it no longer holds its key
        return relaxed.call(() -> published).call(() -> failed).call(() -> park)
                .replaceWith(new Pass(results.size(), acknowledged.size() + parked.size(), failures.size()));
    }

    /**
     * Whether Kafka will never take this record, however often it is sent: it is too large for the producer or the
     * broker, or the broker found it invalid. Anything else (timeouts, an unreachable or leaderless broker, missing
     * rights) may pass later and is retried.
     */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || cause instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                    || cause instanceof org.apache.kafka.common.InvalidRecordException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
