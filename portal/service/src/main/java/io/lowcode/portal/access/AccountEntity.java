package io.lowcode.portal.access;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A portal account, activated from {@code user.account-created} (table {@code account}). */
@Entity
@Table(name = "account")
public class AccountEntity extends PanacheEntityBase {

    @Id
    @Column(name = "user_id", columnDefinition = "uuid")
    public UUID userId;

    @Column(nullable = false, columnDefinition = "text")
    public String username;

    @Column(name = "display_name", columnDefinition = "text")
    public String displayName;

    @Column(columnDefinition = "text")
    public String email;

    @Column(nullable = false, columnDefinition = "text")
    public String status;

    @Column(name = "activated_at", nullable = false, columnDefinition = "timestamptz")
    public Instant activatedAt;
}
