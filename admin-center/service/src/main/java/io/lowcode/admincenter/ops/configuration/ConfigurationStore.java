package io.lowcode.admincenter.ops.configuration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.admincenter.api.ops.ConfigurationVersion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code configuration_version}: reads through the pool; a new version is written in the caller's Hibernate Reactive
 * transaction (with its event in the outbox), after {@link #lockAndReadLatest()} has serialized changes across pods.
 * Parameters are bound as text and cast in SQL: the reactive client writes a Java string bound to a jsonb parameter
 * as a JSON string, and refuses one bound to an integer.
 */
@ApplicationScoped
public class ConfigurationStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "version, parameters::text AS parameters, changes::text AS changes, reason, "
            + "changed_by, changed_at, rollback_of, event_id, apply_status, apply_detail::text AS apply_detail";

    private final Pool pool;

    public ConfigurationStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<StoredVersion>> latest() {
        return pool.query("SELECT " + COLUMNS + " FROM configuration_version ORDER BY version DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    public Uni<Optional<StoredVersion>> version(int version) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM configuration_version WHERE version = $1")
                .execute(Tuple.of(version))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** Versions newest first and how many exist. */
    public Uni<Map.Entry<List<StoredVersion>, Long>> page(int page, int size) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM configuration_version ORDER BY version DESC "
                        + "LIMIT $1 OFFSET $2").execute(Tuple.of(size, (long) page * size))
                .flatMap(rows -> pool.query("SELECT count(*) FROM configuration_version").execute()
                        .map(count -> {
                            List<StoredVersion> items = new ArrayList<>();
                            rows.forEach(r -> items.add(read(r)));
                            return Map.entry(items, count.iterator().next().getLong(0));
                        }));
    }

    /** Versions whose application waits (a partition expansion), oldest first. */
    public Uni<List<StoredVersion>> pending() {
        return pool.query("SELECT " + COLUMNS + " FROM configuration_version WHERE apply_status = 'PENDING' "
                + "ORDER BY version").execute().map(rows -> {
                    List<StoredVersion> items = new ArrayList<>();
                    rows.forEach(r -> items.add(read(r)));
                    return items;
                });
    }

    /** The newest version within the caller's transaction, after the configuration lock is held. */
    public Uni<Optional<StoredVersion>> lockAndReadLatest() {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('lowcode.configuration'))").getSingleResult())
                .flatMap(ignored -> latestInTransaction());
    }

    @SuppressWarnings("unchecked")
    private Uni<Optional<StoredVersion>> latestInTransaction() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT version, parameters::text, "
                        + "changes::text, reason, changed_by, changed_at, rollback_of, event_id::text, apply_status, "
                        + "apply_detail::text FROM configuration_version ORDER BY version DESC LIMIT 1", Object[].class)
                .getResultList())
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(read((Object[]) rows.get(0))));
    }

    /** Inserts {@code v} in the caller's transaction. */
    public Uni<Void> insert(StoredVersion v) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        INSERT INTO configuration_version (version, parameters, changes, reason, changed_by, changed_at,
                            rollback_of, event_id, apply_status, apply_detail)
                        VALUES (:version, CAST(CAST(:parameters AS text) AS jsonb), CAST(CAST(:changes AS text) AS jsonb),
                            :reason, :changedBy, :changedAt, CAST(CAST(:rollbackOf AS text) AS integer),
                            CAST(CAST(:eventId AS text) AS uuid), :applyStatus, CAST(CAST(:apply AS text) AS jsonb))""")
                .setParameter("version", v.version())
                .setParameter("parameters", json(v.parameters()))
                .setParameter("changes", json(v.changes()))
                .setParameter("reason", v.reason())
                .setParameter("changedBy", v.changedBy())
                .setParameter("changedAt", v.changedAt())
                .setParameter("rollbackOf", v.rollbackOf() == null ? null : v.rollbackOf().toString())
                .setParameter("eventId", v.eventId() == null ? null : v.eventId().toString())
                .setParameter("applyStatus", v.applyStatus())
                .setParameter("apply", json(v.apply()))
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> updateApply(int version, String status, List<ConfigurationVersion.ApplyResult> apply) {
        return pool.preparedQuery("UPDATE configuration_version SET apply_status = $2, apply_detail = $3::text::jsonb "
                + "WHERE version = $1").execute(Tuple.of(version, status, json(apply))).replaceWithVoid();
    }

    private static StoredVersion read(Row r) {
        OffsetDateTime at = r.getOffsetDateTime("changed_at");
        return new StoredVersion(r.getInteger("version"), map(r.getString("parameters")), changes(r.getString("changes")),
                r.getString("reason"), r.getString("changed_by"), at.toInstant(), r.getInteger("rollback_of"),
                r.getUUID("event_id"), r.getString("apply_status"), apply(r.getString("apply_detail")));
    }

    private static StoredVersion read(Object[] r) {
        return new StoredVersion(((Number) r[0]).intValue(), map((String) r[1]), changes((String) r[2]), (String) r[3],
                (String) r[4], instant(r[5]), r[6] == null ? null : ((Number) r[6]).intValue(), r[7] == null ? null : UUID.fromString((String) r[7]),
                (String) r[8], apply((String) r[9]));
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConfigurationVersion.Change> changes(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<ConfigurationVersion.Change>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConfigurationVersion.ApplyResult> apply(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<ConfigurationVersion.ApplyResult>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
