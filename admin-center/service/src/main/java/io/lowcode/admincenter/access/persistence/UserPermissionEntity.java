package io.lowcode.admincenter.access.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lowcode.eventschema.access.Permission;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * A permission granted to a user directly (table {@code user_permission}). The entity speaks {@link Permission};
 * how the table stores one is this class's business alone: since release 2.0.0 (admin_center V5/V6, migrated by
 * ops-migrator) as three columns, resource type, resource id and action.
 */
@Entity
@Table(name = "user_permission")
public class UserPermissionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "bigint")
    public Long id;

    @Column(name = "user_id", nullable = false, columnDefinition = "uuid")
    public UUID userId;

    @Column(name = "resource_type", nullable = false, columnDefinition = "text")
    String resourceType;

    @Column(name = "resource_id", nullable = false, columnDefinition = "text")
    String resourceId;

    @Column(nullable = false, columnDefinition = "text")
    String action;

    @Column(name = "granted_at", nullable = false, columnDefinition = "timestamptz")
    public Instant grantedAt;

    @Column(name = "granted_by", nullable = false, columnDefinition = "text")
    public String grantedBy;

    public static UserPermissionEntity of(UUID userId, Permission permission, Instant at, String by) {
        UserPermissionEntity entity = new UserPermissionEntity();
        entity.userId = userId;
        entity.resourceType = permission.resourceType();
        entity.resourceId = permission.resourceId();
        entity.action = permission.action();
        entity.grantedAt = at;
        entity.grantedBy = by;
        return entity;
    }

    public Permission permission() {
        return new Permission(resourceType, resourceId, action);
    }

    /** The grant of {@code permission} to the user, or {@code null}. */
    public static Uni<UserPermissionEntity> find(UUID userId, Permission permission) {
        return find("userId = ?1 and resourceType = ?2 and resourceId = ?3 and action = ?4", userId,
                permission.resourceType(), permission.resourceId(), permission.action()).firstResult();
    }

    /** The user's direct grants, sorted. */
    public static Uni<List<String>> of(UUID userId) {
        return UserPermissionEntity.<UserPermissionEntity>list("userId = ?1", userId)
                .map(rows -> rows.stream().map(r -> r.permission().toString()).sorted().toList());
    }

    /** The users whose direct grants allow {@code wanted} (a grant for its resource or for every resource), sorted. */
    public static Uni<List<String>> holdersOf(Permission wanted) {
        return UserPermissionEntity.<UserPermissionEntity>list("resourceType = ?1 and action = ?2 and resourceId in ?3",
                        wanted.resourceType(), wanted.action(), List.of(wanted.resourceId(), Permission.ANY))
                .map(rows -> rows.stream().map(r -> r.userId.toString()).distinct().sorted().toList());
    }
}
