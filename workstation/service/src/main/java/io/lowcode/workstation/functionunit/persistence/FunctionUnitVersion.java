package io.lowcode.workstation.functionunit.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** An immutable published snapshot of a function unit (table {@code function_unit_version}). */
@Entity
@Table(name = "function_unit_version")
public class FunctionUnitVersion extends PanacheEntityBase {

    /** Where a version stands, as the admin center reported it. */
    public enum DeploymentStatus {
        PUBLISHED, DEPLOYED, SUPERSEDED, RETIRED
    }

    @Id
    public UUID id;

    @Column(name = "function_unit_id", nullable = false)
    public UUID functionUnitId;

    @Column(nullable = false, columnDefinition = "text")
    public String version;

    @Column(columnDefinition = "text")
    public String changelog;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String definition;

    @Column(name = "content_digest", nullable = false, columnDefinition = "text")
    public String contentDigest;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "deployment_status", nullable = false, columnDefinition = "text")
    public DeploymentStatus deploymentStatus;

    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    public static Uni<List<FunctionUnitVersion>> ofUnit(UUID functionUnitId) {
        return list("functionUnitId = ?1 order by publishedAt", functionUnitId);
    }

    public static Uni<List<FunctionUnitVersion>> ofUnits(List<UUID> functionUnitIds) {
        return list("functionUnitId in ?1 order by publishedAt", functionUnitIds);
    }

    public static Uni<FunctionUnitVersion> find(UUID functionUnitId, String version) {
        return find("functionUnitId = ?1 and version = ?2", functionUnitId, version).firstResult();
    }

    public void moveTo(DeploymentStatus status, Instant at) {
        deploymentStatus = status;
        statusChangedAt = at;
    }
}
