package io.lowcode.workstation.functionunit.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** One change to a unit's draft, collaborators or versions, and who made it (table {@code function_unit_edit}). */
@Entity
@Table(name = "function_unit_edit")
public class DraftEditEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "function_unit_id", nullable = false)
    public UUID functionUnitId;

    @Column(nullable = false, columnDefinition = "text")
    public String action;

    @Column(name = "edited_by", nullable = false, columnDefinition = "text")
    public String editedBy;

    @Column(name = "edited_at", nullable = false)
    public Instant editedAt;

    @Column(name = "draft_digest", nullable = false, columnDefinition = "text")
    public String draftDigest;

    @Column(name = "correlation_id", columnDefinition = "text")
    public String correlationId;

    /** The unit's changes, newest first. */
    public static Uni<List<DraftEditEntity>> of(UUID functionUnitId) {
        return list("functionUnitId = ?1 order by editedAt desc, id desc", functionUnitId);
    }
}
