package io.lowcode.admincenter.audit.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One entry of the audit log (table {@code audit_event}). */
@Entity
@Table(name = "audit_event")
public class AuditEventEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "bigint")
    public Long id;

    @Column(name = "occurred_at", nullable = false, columnDefinition = "timestamptz")
    public Instant occurredAt;

    @Column(name = "event_type", nullable = false, columnDefinition = "text")
    public String eventType;

    @Column(nullable = false, columnDefinition = "text")
    public String subject;

    @Column(columnDefinition = "text")
    public String actor;

    @Column(nullable = false, columnDefinition = "text")
    public String source;

    @Column(name = "event_id", unique = true, columnDefinition = "uuid")
    public UUID eventId;

    @Column(name = "correlation_id", columnDefinition = "text")
    public String correlationId;

    @Column(nullable = false, columnDefinition = "text")
    public String summary;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> details;
}
