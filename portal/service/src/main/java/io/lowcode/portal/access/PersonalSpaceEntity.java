package io.lowcode.portal.access;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A user's personal space, created with the account (table {@code personal_space}). */
@Entity
@Table(name = "personal_space")
public class PersonalSpaceEntity extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "uuid")
    public UUID id;

    @Column(name = "user_id", nullable = false, unique = true, columnDefinition = "uuid")
    public UUID userId;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(name = "created_at", nullable = false, columnDefinition = "timestamptz")
    public Instant createdAt;

    public static Uni<PersonalSpaceEntity> of(UUID userId) {
        return find("userId", userId).firstResult();
    }
}
