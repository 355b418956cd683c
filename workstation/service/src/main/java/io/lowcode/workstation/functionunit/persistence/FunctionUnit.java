package io.lowcode.workstation.functionunit.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A function unit and its draft definition (table {@code function_unit}). */
@Entity
@Table(name = "function_unit")
public class FunctionUnit extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(columnDefinition = "text")
    public String description;

    @Column(nullable = false, columnDefinition = "text")
    public String category;

    @Column(name = "owner_id", nullable = false, columnDefinition = "text")
    public String ownerId;

    /** Who besides the owner may edit and publish: a JSON array of user ids (as text). */
    @Column(nullable = false, columnDefinition = "text")
    public String collaborators = "[]";

    /** Who made the last draft edit (the owner at creation). */
    @Column(name = "updated_by", columnDefinition = "text")
    public String updatedBy;

    /** The draft as JSON text (a JSON object). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String definition;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
