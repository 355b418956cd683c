package io.lowcode.admincenter.audit.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.AuditEvent;
import io.lowcode.admincenter.api.AuditEventPage;
import io.lowcode.admincenter.audit.persistence.AuditEventEntity;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The audit log: what happened to the business objects the admin center knows, from the events it consumed and
 * the actions admins took. Every entry carries the id of its event, so the same event is never audited twice
 * (the inbox prevents it; the unique {@code event_id} is the second fence).
 */
@ApplicationScoped
public class AuditLog {

    private static final Sort NEWEST_FIRST = Sort.descending("occurredAt", "id");

    /**
     * Records {@code event} — consumed, or emitted by an admin's action — in the caller's transaction.
     *
     * @param actor   who did it, or {@code null} when unknown
     * @param summary one line for people
     * @param details what else is worth keeping (see {@link #details}); {@code null} values are left out
     */
    public Uni<Void> record(EventEnvelope<?> event, String actor, String summary, Map<String, Object> details) {
        AuditEventEntity entry = new AuditEventEntity();
        entry.occurredAt = event.time();
        entry.eventType = event.type().type();
        entry.subject = event.subject();
        entry.actor = actor;
        entry.source = event.source();
        entry.eventId = UUID.fromString(event.id());
        entry.correlationId = event.correlationid();
        entry.summary = summary;
        entry.details = withoutNulls(details);
        return entry.persist().replaceWithVoid();
    }

    /**
     * Records an action that emits no event of its own — an operator replaying or discarding a dead letter — in the
     * caller's transaction.
     *
     * @param action  what was done, e.g. {@code ops.dead-letter-replayed} (the entry's event type)
     * @param subject what it was done to, e.g. the dead letter's coordinates
     * @param actor   who did it
     * @param at      when
     * @param summary one line for people
     * @param details what else is worth keeping (see {@link #details})
     */
    public Uni<Void> recordAction(String action, String subject, String actor, Instant at, String summary,
            Map<String, Object> details) {
        AuditEventEntity entry = new AuditEventEntity();
        entry.occurredAt = at;
        entry.eventType = action;
        entry.subject = subject;
        entry.actor = actor;
        entry.source = SourceModule.ADMIN_CENTER.source();
        entry.summary = summary;
        entry.details = withoutNulls(details);
        return entry.persist().replaceWithVoid();
    }

    /**
     * Records an action that publishes no event (a password change or reset) in the caller's transaction.
     *
     * @param type    what happened, e.g. {@code user.password-changed}
     * @param subject what it happened to (a user id)
     */
    public Uni<Void> recordAction(String type, String subject, io.lowcode.eventschema.runtime.rest.Caller caller,
            String summary, Map<String, Object> details) {
        AuditEventEntity entry = new AuditEventEntity();
        entry.occurredAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        entry.eventType = type;
        entry.subject = subject;
        entry.actor = caller.userId();
        entry.source = io.lowcode.eventschema.SourceModule.ADMIN_CENTER.source();
        entry.correlationId = caller.correlationId();
        entry.summary = summary;
        entry.details = withoutNulls(details);
        return entry.persist().replaceWithVoid();
    }

    /** One page of the entries matching {@code query}, newest first. */
    @WithSession
    public Uni<AuditEventPage> search(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (query.type() != null) {
            conditions.add("eventType = :type");
            parameters.and("type", query.type());
        }
        if (query.subject() != null) {
            conditions.add("subject = :subject");
            parameters.and("subject", query.subject());
        }
        if (query.from() != null) {
            conditions.add("occurredAt >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("occurredAt < :to");
            parameters.and("to", query.to());
        }
        PanacheQuery<AuditEventEntity> found = conditions.isEmpty()
                ? AuditEventEntity.findAll(NEWEST_FIRST)
                : AuditEventEntity.find(String.join(" and ", conditions), NEWEST_FIRST, parameters);
        found.page(Page.of(query.page(), query.size()));
        return found.list().flatMap(entries -> found.count().map(total -> new AuditEventPage(
                entries.stream().map(AuditLog::toDto).toList(), query.page(), query.size(), total)));
    }

    static AuditEvent toDto(AuditEventEntity entry) {
        return new AuditEvent(entry.id, entry.occurredAt, entry.eventType, entry.subject, entry.actor, entry.source,
                entry.eventId == null ? null : entry.eventId.toString(), entry.correlationId, entry.summary);
    }

    /** Details from alternating keys and values, e.g. {@code details("version", "1.0.0")}; keeps {@code null} values out. */
    public static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                details.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return details;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> details) {
        if (details == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
