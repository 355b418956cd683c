package io.lowcode.admincenter.ops.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.admincenter.api.ops.Alert;
import io.lowcode.admincenter.api.ops.AlertPage;
import io.lowcode.admincenter.api.ops.Silence;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What people do with alerts, through the reactive pool: list the firing ones, search the history, acknowledge, and
 * create, list and end silences. The evaluator reads the silences at its next evaluation.
 */
@ApplicationScoped
public class AlertQueries {

    private static final String COLUMNS = "id, rule, target, severity, status, summary, evidence::text AS evidence, "
            + "raised_at, resolved_at, acknowledged_at, acknowledged_by, notified";
    private static final String SILENCE_COLUMNS = "id, rule, target, reason, created_by, created_at, ends_at, ended_at, "
            + "ended_by";
    private static final TypeReference<Map<String, String>> EVIDENCE = new TypeReference<>() {
    };

    /**
     * A search of the history; every filter may be {@code null}.
     *
     * @param status   FIRING or RESOLVED
     * @param rule     exact rule name
     * @param severity INFO, WARNING or CRITICAL
     * @param from     earliest raise time, inclusive
     * @param to       latest raise time, exclusive
     */
    public record HistoryQuery(String status, String rule, String severity, Instant from, Instant to, int page, int size) {
    }

    private final Pool pool;
    private final ObjectMapper json = new ObjectMapper();

    public AlertQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Alert>> firing() {
        return pool.query("SELECT " + COLUMNS + " FROM ops_alert WHERE status = 'FIRING' ORDER BY raised_at DESC, id")
                .execute().map(rows -> alerts(rows));
    }

    public Uni<AlertPage> history(HistoryQuery q) {
        String where = """
                WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR rule = $2)
                  AND ($3::text IS NULL OR severity = $3) AND ($4::timestamptz IS NULL OR raised_at >= $4)
                  AND ($5::timestamptz IS NULL OR raised_at < $5)""";
        Tuple filters = Tuple.tuple(java.util.Arrays.asList(q.status(), q.rule(), q.severity(), time(q.from()), time(q.to())));
        Tuple paged = Tuple.tuple(java.util.Arrays.asList(q.status(), q.rule(), q.severity(), time(q.from()), time(q.to()),
                q.size(), (long) q.page() * q.size()));
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ops_alert " + where
                        + " ORDER BY raised_at DESC, id LIMIT $6 OFFSET $7").execute(paged)
                .flatMap(rows -> pool.preparedQuery("SELECT count(*) FROM ops_alert " + where).execute(filters)
                        .map(count -> new AlertPage(alerts(rows), q.page(), q.size(), count.iterator().next().getLong(0))));
    }

    /** Acknowledges a firing alert once (a second acknowledgement keeps the first); 404 unknown, 409 resolved. */
    public Uni<Alert> acknowledge(UUID id, String by) {
        return pool.preparedQuery("""
                UPDATE ops_alert SET acknowledged_at = coalesce(acknowledged_at, now()),
                       acknowledged_by = coalesce(acknowledged_by, $2)
                WHERE id = $1 AND status = 'FIRING' RETURNING\s""" + COLUMNS).execute(Tuple.of(id, by))
                .flatMap(updated -> updated.rowCount() == 1 ? Uni.createFrom().item(alert(updated.iterator().next()))
                        : pool.preparedQuery("SELECT status FROM ops_alert WHERE id = $1").execute(Tuple.of(id))
                                .map(found -> {
                                    if (found.rowCount() == 0) {
                                        throw ProblemException.notFound("alert", id);
                                    }
                                    throw ProblemException.conflict("alert-resolved", "alert " + id
                                            + " is resolved; only a firing alert can be acknowledged");
                                }));
    }

    public Uni<List<Silence>> activeSilences() {
        return pool.query("SELECT " + SILENCE_COLUMNS + " FROM ops_alert_silence WHERE ended_at IS NULL AND ends_at > now()"
                + " ORDER BY ends_at, id").execute().map(rows -> {
                    List<Silence> silences = new ArrayList<>();
                    rows.forEach(r -> silences.add(silence(r)));
                    return silences;
                });
    }

    public Uni<Silence> silence(String rule, String target, Instant endsAt, String reason, String by) {
        return pool.preparedQuery("INSERT INTO ops_alert_silence (id, rule, target, reason, created_by, created_at, ends_at)"
                        + " VALUES ($1, $2, $3, $4, $5, now(), $6) RETURNING " + SILENCE_COLUMNS)
                .execute(Tuple.tuple(java.util.Arrays.asList(UUID.randomUUID(), rule, target, reason, by, time(endsAt))))
                .map(rows -> silence(rows.iterator().next()));
    }

    /** Ends an active silence now; 404 when there is none with that id. */
    public Uni<Void> endSilence(UUID id, String by) {
        return pool.preparedQuery("UPDATE ops_alert_silence SET ended_at = now(), ended_by = $2"
                        + " WHERE id = $1 AND ended_at IS NULL AND ends_at > now()").execute(Tuple.of(id, by))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("active silence", id);
                    }
                    return null;
                });
    }

    private List<Alert> alerts(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Alert> alerts = new ArrayList<>();
        rows.forEach(r -> alerts.add(alert(r)));
        return alerts;
    }

    private Alert alert(Row r) {
        Map<String, String> evidence;
        try {
            evidence = json.readValue(r.getString("evidence"), EVIDENCE);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            evidence = Map.of();
        }
        return new Alert(r.getUUID("id").toString(), r.getString("rule"), r.getString("target"), r.getString("severity"),
                r.getString("status"), r.getString("summary"), evidence, instant(r, "raised_at"),
                instant(r, "resolved_at"), instant(r, "acknowledged_at"), r.getString("acknowledged_by"),
                r.getBoolean("notified"));
    }

    private static Silence silence(Row r) {
        return new Silence(r.getUUID("id").toString(), r.getString("rule"), r.getString("target"), r.getString("reason"),
                r.getString("created_by"), instant(r, "created_at"), instant(r, "ends_at"), instant(r, "ended_at"),
                r.getString("ended_by"));
    }

    private static Instant instant(Row r, String column) {
        java.time.OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static java.time.OffsetDateTime time(Instant instant) {
        return instant == null ? null : java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }
}
