package io.lowcode.portal.function;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A row of {@code available_function}: the version of a function unit users can run now. */
@Entity
@Table(name = "available_function")
public class AvailableFunctionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "function_unit_id")
    public UUID functionUnitId;

    @Column(nullable = false, length = 128)
    public String name;

    @Column(nullable = false, length = 64)
    public String version;

    @Column(name = "deployment_id", nullable = false, length = 128)
    public String deploymentId;

    @Column(nullable = false, length = 64)
    public String environment;

    @Column(name = "deployed_at", nullable = false)
    public Instant deployedAt;

    @Column(name = "deployed_by", nullable = false, length = 128)
    public String deployedBy;

    /** SHA-256 of the approved definition (function-unit.deployed v2); {@code null} for older deployments. */
    @Column(name = "content_digest", columnDefinition = "text")
    public String contentDigest;
}
