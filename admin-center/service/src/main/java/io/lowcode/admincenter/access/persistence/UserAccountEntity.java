package io.lowcode.admincenter.access.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A user account (table {@code user_account}). */
@Entity
@Table(name = "user_account")
public class UserAccountEntity extends PanacheEntityBase {

    /** An account that may log in. */
    public static final String ACTIVE = "ACTIVE";
    /** An account that may not log in, and whose tokens every service refuses. */
    public static final String DISABLED = "DISABLED";

    @Id
    @Column(name = "user_id", columnDefinition = "uuid")
    public UUID userId;

    @Column(nullable = false, unique = true, columnDefinition = "text")
    public String username;

    @Column(name = "display_name", columnDefinition = "text")
    public String displayName;

    @Column(nullable = false, columnDefinition = "text")
    public String email;

    @Column(name = "password_hash", nullable = false, columnDefinition = "text")
    public String passwordHash;

    @Column(nullable = false, columnDefinition = "text")
    public String status;

    @Column(name = "created_at", nullable = false, columnDefinition = "timestamptz")
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, columnDefinition = "text")
    public String createdBy;

    @Column(name = "updated_at", nullable = false, columnDefinition = "timestamptz")
    public Instant updatedAt;

    /**
     * Raised by every password change or reset; tokens carry it (claim {@code gen}) and those with a lower one are
     * refused.
     */
    @Column(name = "token_generation", nullable = false)
    public int tokenGeneration;

    /** The account with this login name (already lower-case), or {@code null}. */
    public static Uni<UserAccountEntity> byUsername(String username) {
        return find("username", username).firstResult();
    }

    /** The account, locked until the transaction ends (one user's changes, and so their events, in order). */
    public static Uni<UserAccountEntity> lock(UUID userId) {
        return findById(userId, LockModeType.PESSIMISTIC_WRITE);
    }
}
