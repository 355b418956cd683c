package io.lowcode.admincenter.functionunit.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lowcode.admincenter.api.VersionState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A published version of a function unit and its deployment state (table {@code function_unit_version}). */
@Entity
@Table(name = "function_unit_version")
public class FunctionUnitVersionEntity extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "uuid")
    public UUID id;

    @Column(name = "function_unit_id", nullable = false, columnDefinition = "text")
    public String functionUnitId;

    @Column(nullable = false, columnDefinition = "text")
    public String version;

    @Column(columnDefinition = "text")
    public String changelog;

    @Column(name = "content_digest", nullable = false, columnDefinition = "text")
    public String contentDigest;

    @Column(name = "published_at", nullable = false, columnDefinition = "timestamptz")
    public Instant publishedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    public VersionState state;

    public static Uni<FunctionUnitVersionEntity> find(String functionUnitId, String version) {
        return find("functionUnitId = ?1 and version = ?2", functionUnitId, version).firstResult();
    }
}
