package io.lowcode.admincenter.ops.deadletter.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One dead letter of the index (table {@code dead_letter}); its id is its place in the dead-letter topic. */
@Entity
@Table(name = "dead_letter")
@IdClass(DeadLetterEntity.Key.class)
public class DeadLetterEntity extends PanacheEntityBase {

    public static final String NEW = "NEW";
    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";

    @Id
    @Column(name = "dlq_topic", columnDefinition = "text")
    public String dlqTopic;

    @Id
    @Column(name = "dlq_partition", columnDefinition = "integer")
    public Integer dlqPartition;

    @Id
    @Column(name = "dlq_offset", columnDefinition = "bigint")
    public Long dlqOffset;

    @Column(name = "dead_lettered_at", nullable = false, columnDefinition = "timestamptz")
    public Instant deadLetteredAt;

    @Column(name = "original_topic", columnDefinition = "text")
    public String originalTopic;

    @Column(name = "original_partition", columnDefinition = "integer")
    public Integer originalPartition;

    @Column(name = "original_offset", columnDefinition = "bigint")
    public Long originalOffset;

    @Column(name = "record_key", columnDefinition = "text")
    public String recordKey;

    @Column(name = "event_id", columnDefinition = "text")
    public String eventId;

    @Column(name = "event_type", columnDefinition = "text")
    public String eventType;

    @Column(name = "event_time", columnDefinition = "timestamptz")
    public Instant eventTime;

    @Column(columnDefinition = "text")
    public String kind;

    @Column(columnDefinition = "text")
    public String reason;

    @Column(columnDefinition = "text")
    public String cause;

    @Column(columnDefinition = "text")
    public String exception;

    @Column(columnDefinition = "text")
    public String consumer;

    @Column(columnDefinition = "text")
    public String field;

    @Column(columnDefinition = "integer")
    public Integer attempts;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> headers;

    @Column(nullable = false, columnDefinition = "bytea")
    public byte[] payload;

    @Column(nullable = false, columnDefinition = "text")
    public String state;

    @Column(name = "state_changed_by", columnDefinition = "text")
    public String stateChangedBy;

    @Column(name = "state_changed_at", columnDefinition = "timestamptz")
    public Instant stateChangedAt;

    @Column(name = "replay_count", nullable = false, columnDefinition = "integer")
    public int replayCount;

    @Column(name = "indexed_at", nullable = false, columnDefinition = "timestamptz")
    public Instant indexedAt;

    /** Primary key: the dead-letter topic, partition and offset. */
    public static class Key implements Serializable {
        public String dlqTopic;
        public Integer dlqPartition;
        public Long dlqOffset;

        public Key() {
        }

        public Key(String dlqTopic, Integer dlqPartition, Long dlqOffset) {
            this.dlqTopic = dlqTopic;
            this.dlqPartition = dlqPartition;
            this.dlqOffset = dlqOffset;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(dlqTopic, k.dlqTopic) && Objects.equals(dlqPartition,
                    k.dlqPartition) && Objects.equals(dlqOffset, k.dlqOffset);
        }

        @Override
        public int hashCode() {
            return Objects.hash(dlqTopic, dlqPartition, dlqOffset);
        }
    }
}
