package io.lowcode.admincenter.ops.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ops.Incident;
import io.lowcode.admincenter.api.ops.IncidentPage;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.IncidentRecorded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code ops_incident}: written in the inbox transaction, read newest first with optional filters. */
@ApplicationScoped
public class IncidentHistory {

    private final Pool pool;

    public IncidentHistory(Pool pool) {
        this.pool = pool;
    }

    /** In the caller's (inbox) transaction. */
    public Uni<Void> record(EventEnvelope<?> event) {
        IncidentRecorded i = event.payloadAs(IncidentRecorded.class);
        long duration = Math.max(0, Duration.between(i.detectedAt(), i.endedAt()).toMillis());
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        INSERT INTO ops_incident (incident_id, service, kind, target, detected_at, detection, action,
                            outcome, outcome_detail, ended_at, duration_ms)
                        VALUES (CAST(:id AS uuid), :service, :kind, :target, :detectedAt, :detection, :action, :outcome,
                            :detail, :endedAt, :duration)
                        ON CONFLICT (incident_id) DO NOTHING""")
                .setParameter("id", uuid(i.incidentId(), event.id()))
                .setParameter("service", i.service())
                .setParameter("kind", i.kind())
                .setParameter("target", i.target())
                .setParameter("detectedAt", i.detectedAt())
                .setParameter("detection", i.detection())
                .setParameter("action", i.action())
                .setParameter("outcome", i.outcome())
                .setParameter("detail", i.outcomeDetail())
                .setParameter("endedAt", i.endedAt())
                .setParameter("duration", duration)
                .executeUpdate()).replaceWithVoid();
    }

    private static String uuid(String incidentId, String eventId) {
        try {
            return UUID.fromString(incidentId).toString();
        } catch (IllegalArgumentException e) {
            return eventId;
        }
    }

    public Uni<IncidentPage> page(String service, String kind, int page, int size) {
        String where = " WHERE ($1::text IS NULL OR service = $1) AND ($2::text IS NULL OR kind = $2)";
        return pool.preparedQuery("SELECT * FROM ops_incident" + where + " ORDER BY detected_at DESC, incident_id "
                        + "LIMIT $3 OFFSET $4").execute(Tuple.of(service, kind, size, (long) page * size))
                .flatMap(rows -> pool.preparedQuery("SELECT count(*) FROM ops_incident" + where)
                        .execute(Tuple.of(service, kind)).map(count -> {
                            List<Incident> items = new ArrayList<>();
                            rows.forEach(r -> items.add(view(r)));
                            return new IncidentPage(items, page, size, count.iterator().next().getLong(0));
                        }));
    }

    private static Incident view(Row r) {
        return new Incident(r.getUUID("incident_id").toString(), r.getString("service"), r.getString("kind"),
                r.getString("target"), r.getOffsetDateTime("detected_at").toInstant(), r.getString("detection"),
                r.getString("action"), r.getString("outcome"), r.getString("outcome_detail"),
                r.getOffsetDateTime("ended_at").toInstant(), r.getLong("duration_ms"));
    }
}
