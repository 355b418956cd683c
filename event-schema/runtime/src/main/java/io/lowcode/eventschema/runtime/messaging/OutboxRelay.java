package io.lowcode.eventschema.runtime.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.lowcode.eventschema.envelope.EventEnvelope;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox rows to Kafka through the {@value #CHANNEL} channel (idempotent producer,
 * {@code acks=all}, configured declaratively). One pass claims, with {@code FOR UPDATE SKIP LOCKED}, the
 * oldest unpublished event of each key — never one whose predecessor for the same key is still
 * unpublished — so events of one business object reach Kafka in commit order even with several relays
 * (pods, the after-commit path and the sweep) running at once. Rows are marked published only after
 * Kafka acknowledged them; a crash between the two republishes the event, which consumers' inboxes
 * absorb.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel; its Kafka settings live in configuration ({@code mp.messaging.outgoing.outbox.*}). */
    public static final String CHANNEL = "outbox";

    private static final String CLAIM = """
            SELECT o.seq, o.event_id, o.topic, o.event_key, o.event_type, o.payload, o.created_at
            FROM outbox_event o
            WHERE o.published_at IS NULL %s
              AND NOT EXISTS (SELECT 1 FROM outbox_event p
                              WHERE p.event_key = o.event_key AND p.published_at IS NULL AND p.seq < o.seq)
            ORDER BY o.seq
            LIMIT $1
            FOR UPDATE OF o SKIP LOCKED""";
    private static final String CLAIM_ALL = CLAIM.formatted("");
    private static final String CLAIM_KEYS = CLAIM.formatted("AND o.event_key = ANY($2)");
    private static final byte[] CONTENT_TYPE = EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final Pool pool;
    private final MutinyEmitter<byte[]> emitter;
    private final EventMetrics metrics;
    private final MessagingConfig.Relay config;

    public OutboxRelay(Pool pool,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192) MutinyEmitter<byte[]> emitter,
            EventMetrics metrics,
            MessagingConfig config) {
        this.pool = pool;
        this.emitter = emitter;
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
        return pool.withTransaction(connection -> claim(connection, CLAIM_ALL, Tuple.of(config.batchSize()))
                .flatMap(rows -> publish(connection, rows)));
    }

    /** One pass over the given keys only (the after-commit path of a request). */
    public Uni<Pass> publishPass(List<String> keys) {
        return pool.withTransaction(connection -> claim(connection, CLAIM_KEYS,
                Tuple.of(config.batchSize(), keys.toArray(new String[0])))
                .flatMap(rows -> publish(connection, rows)));
    }

    /** Passes over {@code keys} until nothing is left for them or a send fails. */
    public Uni<Void> drain(List<String> keys) {
        return publishPass(keys).flatMap(pass -> pass.mayContinue() ? drain(keys) : Uni.createFrom().voidItem());
    }

    /** How many of {@code ids} are not yet acknowledged by Kafka. */
    public Uni<Integer> unpublished(List<UUID> ids) {
        return pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND event_id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new UUID[0])))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Events committed but not yet acknowledged, for the backlog gauge. */
    public Uni<Long> backlog() {
        return pool.query("SELECT count(*) FROM outbox_event WHERE published_at IS NULL").execute()
                .map(rows -> rows.iterator().next().getLong(0));
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
        List<Uni<Sent>> sends = rows.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().flatMap(results -> mark(connection, results));
    }

    private Uni<Sent> send(Claimed row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic())
                .withKey(row.key())
                .withHeaders(List.of(new RecordHeader("content-type", CONTENT_TYPE)))
                .build();
        return emitter.sendMessage(Message.of(row.payload()).addMetadata(metadata))
                .ifNoItem().after(config.sendTimeout()).fail()
                .map(ignored -> new Sent(row, null))
                .onFailure().recoverWithItem(failure -> new Sent(row, failure));
    }

    private Uni<Pass> mark(SqlConnection connection, List<Sent> results) {
        List<Long> acknowledged = new ArrayList<>();
        List<Tuple> failures = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (Sent sent : results) {
            Claimed row = sent.row();
            metrics.published(row.type(), sent.failure() == null);
            if (sent.failure() == null) {
                acknowledged.add(row.seq());
                metrics.publishLatency(row.type(), Duration.between(row.createdAt(), now));
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
                        UPDATE outbox_event SET published_at = now(), attempts = attempts + 1, last_error = NULL
                        WHERE seq = ANY($1)""").execute(Tuple.of(acknowledged.toArray(new Long[0]))).replaceWithVoid();
        Uni<Void> failed = failures.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE seq = $1")
                        .executeBatch(failures).replaceWithVoid();
        return published.call(() -> failed)
                .replaceWith(new Pass(results.size(), acknowledged.size(), failures.size()));
    }
}
