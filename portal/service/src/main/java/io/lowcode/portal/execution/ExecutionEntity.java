package io.lowcode.portal.execution;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * One execution of a function unit (table {@code execution}). JSON columns hold JSON text; the reactive client only
 * takes JSON objects, so the steps (an array) and the output (any JSON value) are stored wrapped in an object —
 * use the accessors.
 */
@Entity
@Table(name = "execution")
public class ExecutionEntity extends PanacheEntityBase {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String INTERRUPTED = "INTERRUPTED";

    @Id
    @Column(columnDefinition = "uuid")
    public UUID id;

    @Column(name = "function_unit_id", nullable = false, columnDefinition = "uuid")
    public UUID functionUnitId;

    @Column(nullable = false, columnDefinition = "text")
    public String version;

    @Column(name = "user_id", nullable = false, columnDefinition = "text")
    public String userId;

    @Column(nullable = false, columnDefinition = "text")
    public String status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String input;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String output;

    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "failed_step", columnDefinition = "text")
    public String failedStep;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String steps;

    @Column(name = "started_at", nullable = false, columnDefinition = "timestamptz")
    public Instant startedAt;

    @Column(name = "heartbeat_at", nullable = false, columnDefinition = "timestamptz")
    public Instant heartbeatAt;

    @Column(name = "finished_at", columnDefinition = "timestamptz")
    public Instant finishedAt;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The completed steps, an array. */
    public com.fasterxml.jackson.databind.JsonNode steps() {
        return read(steps).path("steps");
    }

    public void steps(com.fasterxml.jackson.databind.JsonNode array) {
        steps = "{\"steps\":" + array + "}";
    }

    /** The output, any JSON value, or {@code null}. */
    public com.fasterxml.jackson.databind.JsonNode output() {
        return output == null ? null : read(output).get("value");
    }

    public void output(com.fasterxml.jackson.databind.JsonNode value) {
        output = value == null ? null : "{\"value\":" + value + "}";
    }

    private com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("execution " + id + " has unreadable JSON", e);
        }
    }

    /** The execution, locked until the transaction ends (the engine and an interruption never interleave). */
    public static Uni<ExecutionEntity> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The running executions of a unit's version, locked. */
    public static Uni<List<ExecutionEntity>> runningOf(UUID functionUnitId, String version) {
        return find("functionUnitId = ?1 and version = ?2 and status = ?3", functionUnitId, version, RUNNING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
