package io.lowcode.admincenter.execution;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** What the monitor knows of one execution (table {@code execution_record}). */
@Entity
@Table(name = "execution_record")
public class ExecutionRecordEntity extends PanacheEntityBase {

    @Id
    @Column(name = "execution_id", columnDefinition = "uuid")
    public UUID executionId;

    @Column(name = "function_unit_id", nullable = false, columnDefinition = "text")
    public String functionUnitId;

    @Column(columnDefinition = "text")
    public String version;

    @Column(name = "user_id", columnDefinition = "text")
    public String userId;

    @Column(nullable = false, columnDefinition = "text")
    public String status;

    @Column(name = "steps_completed", nullable = false, columnDefinition = "integer")
    public int stepsCompleted;

    @Column(name = "started_at", columnDefinition = "timestamptz")
    public Instant startedAt;

    @Column(name = "finished_at", columnDefinition = "timestamptz")
    public Instant finishedAt;

    @Column(name = "duration_ms", columnDefinition = "bigint")
    public Long durationMs;

    @Column(name = "failed_step", columnDefinition = "text")
    public String failedStep;

    @Column(columnDefinition = "text")
    public String error;
}
