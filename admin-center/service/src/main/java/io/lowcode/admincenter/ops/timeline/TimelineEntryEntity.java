package io.lowcode.admincenter.ops.timeline;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One function-unit lifecycle event in the operations timeline (table {@code operations_timeline}). */
@Entity
@Table(name = "operations_timeline")
public class TimelineEntryEntity extends PanacheEntityBase {

    @Id
    @Column(name = "event_id", columnDefinition = "uuid")
    public UUID eventId;

    @Column(name = "function_unit_id", nullable = false, columnDefinition = "text")
    public String functionUnitId;

    @Column(columnDefinition = "text")
    public String name;

    @Column(columnDefinition = "text")
    public String version;

    @Column(name = "event_type", nullable = false, columnDefinition = "text")
    public String eventType;

    @Column(nullable = false, columnDefinition = "text")
    public String status;

    @Column(name = "occurred_at", nullable = false, columnDefinition = "timestamptz")
    public Instant occurredAt;

    @Column(columnDefinition = "text")
    public String actor;

    @Column(nullable = false, columnDefinition = "text")
    public String source;

    @Column(name = "correlation_id", columnDefinition = "text")
    public String correlationId;

    @Column(name = "trace_id", columnDefinition = "text")
    public String traceId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> details;
}
