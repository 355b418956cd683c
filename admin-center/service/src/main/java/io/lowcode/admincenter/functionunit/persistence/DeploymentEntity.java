package io.lowcode.admincenter.functionunit.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * A deployment an admin made (table {@code deployment}). It is current until another version supersedes it or
 * an admin retires it; at most one is current per unit and environment.
 */
@Entity
@Table(name = "deployment")
public class DeploymentEntity extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "uuid")
    public UUID id;

    @Column(name = "function_unit_id", nullable = false, columnDefinition = "text")
    public String functionUnitId;

    @Column(nullable = false, columnDefinition = "text")
    public String version;

    @Column(nullable = false, columnDefinition = "text")
    public String environment;

    @Column(name = "deployed_by", nullable = false, columnDefinition = "text")
    public String deployedBy;

    @Column(name = "deployed_at", nullable = false, columnDefinition = "timestamptz")
    public Instant deployedAt;

    @Column(name = "superseded_at", columnDefinition = "timestamptz")
    public Instant supersededAt;

    @Column(name = "retired_at", columnDefinition = "timestamptz")
    public Instant retiredAt;

    @Column(name = "retired_by", columnDefinition = "text")
    public String retiredBy;

    @Column(name = "retirement_reason", columnDefinition = "text")
    public String retirementReason;

    /** The deployment of {@code functionUnitId} live in {@code environment}, or {@code null}. */
    public static Uni<DeploymentEntity> current(String functionUnitId, String environment) {
        return find("functionUnitId = ?1 and environment = ?2 and supersededAt is null and retiredAt is null",
                functionUnitId, environment).firstResult();
    }
}
