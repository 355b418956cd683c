package io.lowcode.admincenter.ops.deadletter.persistence;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.ops.deadletter.messaging.DeadLetterRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes dead letters into the index ({@code dead_letter}) through the reactive pool: one statement, idempotent on
 * the record's place in its dead-letter topic, callable from any thread (the consumer retries off the event loop).
 */
@ApplicationScoped
public class DeadLetterIndex {

    private static final String INSERT = """
            INSERT INTO dead_letter (dlq_topic, dlq_partition, dlq_offset, dead_lettered_at, original_topic,
                original_partition, original_offset, record_key, event_id, event_type, event_time, kind, reason, cause,
                exception, consumer, field, attempts, headers, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
            ON CONFLICT (dlq_topic, dlq_partition, dlq_offset) DO NOTHING""";

    private final Pool pool;

    public DeadLetterIndex(Pool pool) {
        this.pool = pool;
    }

    /** Indexes {@code record}; {@code false} when it was indexed before (a redelivery). */
    public Uni<Boolean> add(DeadLetterRecord record) {
        Tuple values = Tuple.tuple()
                .addString(record.dlqTopic())
                .addInteger(record.dlqPartition())
                .addLong(record.dlqOffset())
                .addOffsetDateTime(record.deadLetteredAt().atOffset(ZoneOffset.UTC))
                .addString(record.originalTopic())
                .addInteger(record.originalPartition())
                .addLong(record.originalOffset())
                .addString(record.key())
                .addString(record.eventId())
                .addString(record.eventType())
                .addOffsetDateTime(record.eventTime() == null ? null : record.eventTime().atOffset(ZoneOffset.UTC))
                .addString(record.kind())
                .addString(record.reason())
                .addString(record.cause())
                .addString(record.exception())
                .addString(record.consumer())
                .addString(record.field())
                .addInteger(record.attempts())
                .addValue(new JsonObject(new java.util.LinkedHashMap<>(record.headers())))
                .addBuffer(Buffer.buffer(record.payload()));
        return pool.preparedQuery(INSERT).execute(values).map(result -> result.rowCount() > 0);
    }
}
