package io.lowcode.admincenter.access.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** One role of a user (table {@code user_role}). */
@Entity
@Table(name = "user_role")
@IdClass(UserRoleEntity.Key.class)
public class UserRoleEntity extends PanacheEntityBase {

    @Id
    @Column(name = "user_id", columnDefinition = "uuid")
    public UUID userId;

    @Id
    @Column(columnDefinition = "text")
    public String role;

    @Column(name = "assigned_at", nullable = false, columnDefinition = "timestamptz")
    public Instant assignedAt;

    @Column(name = "assigned_by", nullable = false, columnDefinition = "text")
    public String assignedBy;

    public static UserRoleEntity of(UUID userId, String role, Instant at, String by) {
        UserRoleEntity entity = new UserRoleEntity();
        entity.userId = userId;
        entity.role = role;
        entity.assignedAt = at;
        entity.assignedBy = by;
        return entity;
    }

    /** The user's roles, sorted. */
    public static Uni<List<String>> of(UUID userId) {
        return UserRoleEntity.<UserRoleEntity>list("userId = ?1 order by role", userId)
                .map(rows -> rows.stream().map(r -> r.role).toList());
    }

    /**
     * How many active accounts hold the admin role. Locks those role rows, so two concurrent demotions of the last two
     * admins cannot both pass.
     */
    public static Uni<Long> activeAdmins() {
        return getSession().flatMap(session -> session.createNativeQuery("""
                SELECT r.user_id FROM user_role r JOIN user_account a ON a.user_id = r.user_id
                WHERE r.role = 'admin' AND a.status = 'ACTIVE' FOR UPDATE OF r""").getResultList())
                .map(rows -> (long) rows.size());
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
