package io.lowcode.admincenter.functionunit.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lowcode.admincenter.api.FunctionUnitStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A function unit in the inventory (table {@code function_unit}). */
@Entity
@Table(name = "function_unit")
public class FunctionUnitEntity extends PanacheEntityBase {

    @Id
    @Column(name = "function_unit_id", columnDefinition = "text")
    public String functionUnitId;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(columnDefinition = "text")
    public String description;

    @Column(name = "owner_id", nullable = false, columnDefinition = "text")
    public String ownerId;

    @Column(nullable = false, columnDefinition = "text")
    public String category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    public FunctionUnitStatus status;

    @Column(name = "latest_version", columnDefinition = "text")
    public String latestVersion;

    @Column(name = "deployed_version", columnDefinition = "text")
    public String deployedVersion;

    @Column(name = "created_at", nullable = false, columnDefinition = "timestamptz")
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false, columnDefinition = "timestamptz")
    public Instant updatedAt;
}
