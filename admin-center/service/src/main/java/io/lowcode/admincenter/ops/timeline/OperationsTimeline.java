package io.lowcode.admincenter.ops.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.TimelineEntry;
import io.lowcode.admincenter.api.TimelinePage;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The monitoring service's operations timeline (seed §2.3.1): every function-unit lifecycle event the admin center
 * consumed — created and published by the workstation, deployed and retired by the admin center itself — with who,
 * when, the business flow and the trace. Written in the inbox transaction of the {@code operations-timeline}
 * consumer, once per event.
 */
@ApplicationScoped
public class OperationsTimeline {

    private static final Sort NEWEST_FIRST = Sort.descending("occurredAt", "eventId");

    /** Records a lifecycle event (inside the consumer's transaction). */
    public Uni<Void> record(EventEnvelope<?> event) {
        TimelineEntryEntity entry = new TimelineEntryEntity();
        entry.eventId = UUID.fromString(event.id());
        entry.functionUnitId = event.subject();
        entry.eventType = event.type().type();
        entry.status = event.data().status().name();
        entry.occurredAt = event.time();
        entry.actor = event.userid();
        entry.source = event.source();
        entry.correlationId = event.correlationid();
        entry.traceId = traceId(event.traceparent());
        Map<String, Object> details = new LinkedHashMap<>();
        Object payload = event.data().payload();
        if (payload instanceof FunctionUnitCreated created) {
            entry.name = created.name();
            details.put("ownerId", created.ownerId());
            details.put("category", created.category());
        } else if (payload instanceof FunctionUnitPublished published) {
            entry.name = published.name();
            entry.version = published.version();
            details.put("contentDigest", published.contentDigest());
            details.put("changelog", published.changelog());
        } else if (payload instanceof FunctionUnitDeployed deployed) {
            entry.name = deployed.name();
            entry.version = deployed.version();
            details.put("environment", deployed.environment());
            details.put("deploymentId", deployed.deploymentId());
            details.put("deployedBy", deployed.deployedBy());
        } else if (payload instanceof FunctionUnitRetired retired) {
            entry.name = retired.name();
            entry.version = retired.version();
            details.put("reason", retired.reason());
            details.put("retiredBy", retired.retiredBy());
        } else {
            throw new IllegalArgumentException("not a lifecycle event: " + event.type().type());
        }
        details.values().removeIf(java.util.Objects::isNull);
        entry.details = details;
        return entry.persist().replaceWithVoid();
    }

    /** One page of the entries matching the filters (each may be {@code null}), newest first. */
    @WithSession
    public Uni<TimelinePage> search(String functionUnitId, String eventType, Instant from, Instant to, int page,
            int size) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (functionUnitId != null) {
            conditions.add("functionUnitId = :unit");
            parameters.and("unit", functionUnitId);
        }
        if (eventType != null) {
            conditions.add("eventType = :type");
            parameters.and("type", eventType);
        }
        if (from != null) {
            conditions.add("occurredAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            conditions.add("occurredAt < :to");
            parameters.and("to", to);
        }
        PanacheQuery<TimelineEntryEntity> found = conditions.isEmpty()
                ? TimelineEntryEntity.findAll(NEWEST_FIRST)
                : TimelineEntryEntity.find(String.join(" and ", conditions), NEWEST_FIRST, parameters);
        found.page(Page.of(page, size));
        return found.list().flatMap(entries -> found.count().map(total -> new TimelinePage(
                entries.stream().map(OperationsTimeline::toDto).toList(), page, size, total)));
    }

    private static TimelineEntry toDto(TimelineEntryEntity e) {
        return new TimelineEntry(e.eventId.toString(), e.functionUnitId, e.name, e.version, e.eventType, e.status,
                e.occurredAt, e.actor, e.source, e.correlationId, e.traceId, e.details);
    }

    /** The trace id of a W3C {@code traceparent} ({@code 00-<trace>-<span>-<flags>}), or {@code null}. */
    static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length == 4 ? parts[1] : null;
    }
}
