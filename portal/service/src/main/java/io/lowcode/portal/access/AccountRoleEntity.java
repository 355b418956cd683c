package io.lowcode.portal.access;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One role of a user, as of the last role event (table {@code account_role}). */
@Entity
@Table(name = "account_role")
@IdClass(AccountRoleEntity.Key.class)
public class AccountRoleEntity extends PanacheEntityBase {

    @Id
    @Column(name = "user_id", columnDefinition = "uuid")
    public UUID userId;

    @Id
    @Column(columnDefinition = "text")
    public String role;

    public static AccountRoleEntity of(UUID userId, String role) {
        AccountRoleEntity entity = new AccountRoleEntity();
        entity.userId = userId;
        entity.role = role;
        return entity;
    }

    /** Primary key: user and role. */
    public static class Key implements Serializable {
        public UUID userId;
        public String role;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(role, k.role);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, role);
        }
    }
}
