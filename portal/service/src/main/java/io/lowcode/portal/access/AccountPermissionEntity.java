package io.lowcode.portal.access;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A permission granted to a user directly (table {@code account_permission}). */
@Entity
@Table(name = "account_permission")
@IdClass(AccountPermissionEntity.Key.class)
public class AccountPermissionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "user_id", columnDefinition = "uuid")
    public UUID userId;

    @Id
    @Column(columnDefinition = "text")
    public String permission;

    @Column(name = "granted_at", nullable = false, columnDefinition = "timestamptz")
    public Instant grantedAt;

    /** Primary key: user and permission. */
    public static class Key implements Serializable {
        public UUID userId;
        public String permission;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(permission, k.permission);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, permission);
        }
    }
}
