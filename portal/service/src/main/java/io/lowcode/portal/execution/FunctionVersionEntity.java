package io.lowcode.portal.execution;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A published version's definition, from {@code function-unit.published} (table {@code function_version}). */
@Entity
@Table(name = "function_version")
@IdClass(FunctionVersionEntity.Key.class)
public class FunctionVersionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "function_unit_id", columnDefinition = "uuid")
    public UUID functionUnitId;

    @Id
    @Column(columnDefinition = "text")
    public String version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String definition;

    @Column(name = "content_digest", nullable = false, columnDefinition = "text")
    public String contentDigest;

    @Column(name = "published_at", nullable = false, columnDefinition = "timestamptz")
    public Instant publishedAt;

    public static Uni<FunctionVersionEntity> find(UUID functionUnitId, String version) {
        return find("functionUnitId = ?1 and version = ?2", functionUnitId, version).firstResult();
    }

    /** Primary key: unit and version. */
    public static class Key implements Serializable {
        public UUID functionUnitId;
        public String version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(functionUnitId, k.functionUnitId) && Objects.equals(version, k.version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(functionUnitId, version);
        }
    }
}
