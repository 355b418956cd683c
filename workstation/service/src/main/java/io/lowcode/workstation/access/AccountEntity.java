package io.lowcode.workstation.access;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * What the workstation knows of an account, from {@code user-permission-events} (table {@code account}): its roles and
 * status, so that edits act with the caller's current roles and a disabled account's tokens are refused.
 */
@Entity
@Table(name = "account")
public class AccountEntity extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(nullable = false, columnDefinition = "text")
    public String status;

    /** The roles: a JSON array of role names (as text). */
    @Column(nullable = false, columnDefinition = "text")
    public String roles;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
