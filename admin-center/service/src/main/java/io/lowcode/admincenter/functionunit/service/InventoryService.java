package io.lowcode.admincenter.functionunit.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lowcode.admincenter.api.FunctionUnitStatus;
import io.lowcode.admincenter.api.FunctionUnitSummary;
import io.lowcode.admincenter.api.PendingDeployment;
import io.lowcode.admincenter.api.VersionState;
import io.lowcode.admincenter.audit.service.AuditLog;
import io.lowcode.admincenter.functionunit.persistence.FunctionUnitEntity;
import io.lowcode.admincenter.functionunit.persistence.FunctionUnitVersionEntity;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.Recipients;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.lowcode.eventschema.runtime.messaging.PendingEvent;
import io.lowcode.eventschema.runtime.messaging.PermanentEventFailure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The inventory of function units, kept from the workstation's events. The {@code on…} handlers run inside the
 * inbox transaction of {@code InboxProcessor} (they open none of their own), so the change, its audit entry, the
 * events it emits and the inbox row commit together.
 */
@ApplicationScoped
public class InventoryService {

    /** Who is told about a new version. */
    static final String ADMIN_ROLE = "admin";
    /** The notification template of a published version; parameters functionUnitId, name and version. */
    static final String PUBLISHED_TEMPLATE = "function-unit-published";

    private final Outbox outbox;
    private final AuditLog audit;

    public InventoryService(Outbox outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** {@code function-unit.created}: adds the unit with status CREATED. */
    public Uni<Void> onCreated(EventEnvelope<?> event, FunctionUnitCreated created) {
        requireSubject(event, created.functionUnitId());
        return FunctionUnitEntity.<FunctionUnitEntity>findById(created.functionUnitId()).flatMap(existing -> {
            if (existing != null) {
                Log.warnf("function unit %s is already in the inventory; ignoring function-unit.created %s",
                        created.functionUnitId(), event.id());
                return Uni.createFrom().voidItem();
            }
            FunctionUnitEntity unit = new FunctionUnitEntity();
            unit.functionUnitId = created.functionUnitId();
            unit.name = created.name();
            unit.description = created.description();
            unit.ownerId = created.ownerId();
            unit.category = created.category();
            unit.status = FunctionUnitStatus.CREATED;
            unit.createdAt = event.time();
            unit.updatedAt = event.time();
            String actor = event.userid() != null ? event.userid() : created.ownerId();
            return unit.persist()
                    .call(() -> audit.record(event, actor, "function unit '" + unit.name + "' created",
                            AuditLog.details("name", unit.name, "ownerId", unit.ownerId, "category", unit.category)))
                    .invoke(() -> Log.infof("inventory: function unit %s '%s' created (event %s, correlation %s)",
                            unit.functionUnitId, unit.name, event.id(), event.correlationid()))
                    .replaceWithVoid();
        });
    }

    /**
     * {@code function-unit.published}: records the version as pending deployment, marks the unit PUBLISHED (unless
     * a version is deployed) and asks for admins to be notified.
     *
     * @return the {@code notification.requested} written to the outbox, or {@code null} when nothing changed
     * @throws PermanentEventFailure if the unit is unknown (its creation comes first on the same partition, so
     *                               this cannot heal by retrying) or the version was published with other content
     */
    public Uni<PendingEvent> onPublished(EventEnvelope<?> event, FunctionUnitPublished published) {
        requireSubject(event, published.functionUnitId());
        return FunctionUnitEntity.<FunctionUnitEntity>findById(published.functionUnitId(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(unit -> {
                    if (unit == null) {
                        return Uni.createFrom().failure(new PermanentEventFailure("function-unit.published " + event.id()
                                + " is about function unit " + published.functionUnitId()
                                + ", which is not in the inventory: its function-unit.created was never applied"));
                    }
                    return FunctionUnitVersionEntity.find(unit.functionUnitId, published.version())
                            .flatMap(known -> known == null ? addVersion(event, published, unit)
                                    : alreadyPublished(event, published, known));
                });
    }

    private Uni<PendingEvent> addVersion(EventEnvelope<?> event, FunctionUnitPublished published,
            FunctionUnitEntity unit) {
        FunctionUnitVersionEntity version = new FunctionUnitVersionEntity();
        version.id = UUID.randomUUID();
        version.functionUnitId = unit.functionUnitId;
        version.version = published.version();
        version.changelog = published.changelog();
        version.contentDigest = published.contentDigest();
        version.publishedAt = event.time();
        version.state = VersionState.PENDING;
        unit.latestVersion = published.version();
        if (unit.status != FunctionUnitStatus.DEPLOYED) {
            unit.status = FunctionUnitStatus.PUBLISHED;
        }
        unit.updatedAt = event.time();
        EventEnvelope<NotificationRequested> notification = notifyAdmins(event, unit, published.version());
        return version.persist()
                .call(() -> audit.record(event, event.userid(),
                        "version " + version.version + " of function unit '" + unit.name + "' published",
                        AuditLog.details("version", version.version, "changelog", version.changelog,
                                "contentDigest", version.contentDigest)))
                .flatMap(ignored -> outbox.add(notification))
                .invoke(() -> Log.infof("inventory: version %s of function unit %s published, pending deployment; "
                        + "admins notified by %s (event %s, correlation %s)", version.version, unit.functionUnitId,
                        notification.id(), event.id(), event.correlationid()));
    }

    private static Uni<PendingEvent> alreadyPublished(EventEnvelope<?> event, FunctionUnitPublished published,
            FunctionUnitVersionEntity known) {
        if (!known.contentDigest.equals(published.contentDigest())) {
            return Uni.createFrom().failure(new PermanentEventFailure("function-unit.published " + event.id()
                    + " republishes version " + published.version() + " of function unit " + published.functionUnitId()
                    + " with digest " + published.contentDigest() + ", but it was published with " + known.contentDigest));
        }
        Log.warnf("version %s of function unit %s is already recorded; ignoring function-unit.published %s",
                published.version(), published.functionUnitId(), event.id());
        return Uni.createFrom().nullItem();
    }

    /** The {@code notification.requested} for admins about a new version, in the flow of {@code cause}. */
    private static EventEnvelope<NotificationRequested> notifyAdmins(EventEnvelope<?> cause, FunctionUnitEntity unit,
            String version) {
        String notificationId = UUID.randomUUID().toString();
        NotificationRequested payload = new NotificationRequested(notificationId,
                new Recipients(List.of(), List.of(ADMIN_ROLE)), PUBLISHED_TEMPLATE,
                Map.of("functionUnitId", unit.functionUnitId, "name", unit.name, "version", version),
                Severity.INFO, List.of(Channel.EMAIL));
        return EventEnvelope.of(EventType.NOTIFICATION_REQUESTED, notificationId, payload)
                .withSource(SourceModule.ADMIN_CENTER)
                .withCorrelationId(cause.correlationid() != null ? cause.correlationid() : cause.id());
    }

    /** The inventory, sorted by name. */
    @WithSession
    public Uni<List<FunctionUnitSummary>> list() {
        return FunctionUnitEntity.<FunctionUnitEntity>listAll(Sort.by("name").and("functionUnitId"))
                .map(units -> units.stream().map(FunctionUnitViews::summary).toList());
    }

    /** Published versions not yet deployed, newest first. */
    @WithSession
    public Uni<List<PendingDeployment>> pending() {
        return Panache.getSession().flatMap(session -> session.createQuery("""
                select v, u from FunctionUnitVersionEntity v, FunctionUnitEntity u
                where u.functionUnitId = v.functionUnitId and v.state = :state
                order by v.publishedAt desc, v.functionUnitId, v.version""", Object[].class)
                .setParameter("state", VersionState.PENDING)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> FunctionUnitViews.pending((FunctionUnitVersionEntity) row[0], (FunctionUnitEntity) row[1]))
                        .toList());
    }

    /** The subject of a function-unit event is its unit; an event that says otherwise breaks per-unit ordering. */
    private static void requireSubject(EventEnvelope<?> event, String functionUnitId) {
        if (!event.subject().equals(functionUnitId)) {
            throw new PermanentEventFailure(event.type().type() + " " + event.id() + " has subject " + event.subject()
                    + " but is about function unit " + functionUnitId);
        }
    }
}
