package io.lowcode.admincenter.ops.reconciliation.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.lowcode.admincenter.api.ReconciliationDrift;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One reconciliation run and its report (table {@code reconciliation_run}). */
@Entity
@Table(name = "reconciliation_run")
public class ReconciliationRunEntity extends PanacheEntityBase {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    @Id
    @Column(columnDefinition = "uuid")
    public UUID id;

    @Column(nullable = false, columnDefinition = "text")
    public String trigger;

    @Column(name = "requested_by", columnDefinition = "text")
    public String requestedBy;

    @Column(name = "started_at", nullable = false, columnDefinition = "timestamptz")
    public Instant startedAt;

    @Column(name = "finished_at", columnDefinition = "timestamptz")
    public Instant finishedAt;

    @Column(nullable = false, columnDefinition = "text")
    public String status;

    @Column(name = "accounts_checked", nullable = false, columnDefinition = "integer")
    public int accountsChecked;

    @Column(name = "functions_checked", nullable = false, columnDefinition = "integer")
    public int functionsChecked;

    @Column(name = "drift_count", nullable = false, columnDefinition = "integer")
    public int driftCount;

    @Column(name = "repaired_count", nullable = false, columnDefinition = "integer")
    public int repairedCount;

    @Column(columnDefinition = "text")
    public String error;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Drifts drifts;

    /** The differences a run found; a JSON object (the reactive client binds objects, not top-level arrays). */
    @RegisterForReflection(targets = { Drifts.class, ReconciliationDrift.class })
    public record Drifts(List<ReconciliationDrift> items) {
    }
}
