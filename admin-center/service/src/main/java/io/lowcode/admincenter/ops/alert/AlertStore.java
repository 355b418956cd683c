package io.lowcode.admincenter.ops.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.admincenter.audit.service.AuditLog;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.AlertRaised;
import io.lowcode.eventschema.payload.AlertResolved;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.runtime.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The evaluator's unit of work, one transaction: raise the alerts whose condition held long enough, notify the ones
 * whose silence ended, resolve the ones whose condition cleared — the rows, their {@code alert.raised} /
 * {@code alert.resolved} events in the outbox and their audit entries commit together (the caller publishes after the
 * commit). A transaction-scoped advisory lock serializes evaluators, and the unique index on FIRING (rule, target) is
 * the second fence: an alert is raised once.
 */
@ApplicationScoped
public class AlertStore {

    static final String ACTOR = "alert-evaluator";
    private static final long LOCK = 0x6f70732d616c6572L; // "ops-aler"
    private static final TypeReference<Map<String, String>> EVIDENCE = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final AuditLog audit;
    private final ObjectMapper json = new ObjectMapper();

    public AlertStore(Outbox outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** An alert firing now. */
    record Firing(UUID id, String rule, String target, Severity severity, String summary, Map<String, String> evidence,
            Instant raisedAt, boolean notified) {

        String key() {
            return rule + "\u0000" + target;
        }
    }

    /** What one evaluation changed. */
    public record Outcome(List<String> raised, List<String> resolved) {
    }

    /**
     * @param due       conditions that have held for their rule's {@code for}: raised unless already firing
     * @param holding   keys of every condition holding now (due or not): their firing alerts stay
     * @param evaluated the rules that could be evaluated: only their firing alerts may resolve
     */
    public Uni<Outcome> apply(Collection<Condition> due, Set<String> holding, Set<String> evaluated) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> native1("SELECT pg_advisory_xact_lock(" + LOCK + ")")
                .flatMap(locked -> firing()).flatMap(firing -> silences().flatMap(silences -> {
                    Map<String, Firing> byKey = new HashMap<>();
                    firing.forEach(f -> byKey.put(f.key(), f));
                    Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>());
                    Uni<Void> work = Uni.createFrom().voidItem();
                    for (Condition c : due) {
                        Firing existing = byKey.get(c.key());
                        boolean silenced = silenced(silences, c.rule(), c.target());
                        if (existing == null) {
                            work = work.call(() -> raise(c, now, !silenced, outcome));
                        } else if (!existing.notified() && !silenced) {
                            work = work.call(() -> notifyLate(existing));
                        }
                    }
                    for (Firing f : firing) {
                        if (evaluated.contains(f.rule()) && !holding.contains(f.key())) {
                            work = work.call(() -> resolve(f, now, outcome));
                        }
                    }
                    return work.replaceWith(outcome);
                })));
    }

    private Uni<Void> raise(Condition c, Instant now, boolean notify, Outcome outcome) {
        UUID id = UUID.randomUUID();
        return native1("""
                INSERT INTO ops_alert (id, rule, target, severity, status, summary, evidence, raised_at, notified)
                VALUES (?1, ?2, ?3, ?4, 'FIRING', ?5, CAST(CAST(?6 AS text) AS jsonb), ?7, ?8)""", id, c.rule(), c.target(),
                c.severity().name(), c.summary(), write(c.evidence()), OffsetDateTime.ofInstant(now, ZoneOffset.UTC), notify)
                .replaceWithVoid().call(() -> {
                    outcome.raised().add(c.rule() + " " + c.target());
                    Log.infof("alert %s raised: %s (rule %s, target %s, %s)%s", id, c.summary(), c.rule(), c.target(),
                            c.severity(), notify ? "" : ", silenced: not notified");
                    return notify ? raisedEvent(new Firing(id, c.rule(), c.target(), c.severity(), c.summary(),
                            c.evidence(), now, true)) : Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> notifyLate(Firing f) {
        return native1("UPDATE ops_alert SET notified = true WHERE id = ?1", f.id())
                .replaceWithVoid().call(() -> {
                    Log.infof("alert %s (rule %s, target %s) is no longer silenced: notifying", f.id(), f.rule(), f.target());
                    return raisedEvent(f);
                });
    }

    private Uni<Void> raisedEvent(Firing f) {
        EventEnvelope<AlertRaised> event = EventEnvelope.of(EventType.ALERT_RAISED, f.id().toString(), new AlertRaised(
                f.id().toString(), f.rule(), f.severity(), f.summary(), withTarget(f), f.raisedAt()))
                .withSource(SourceModule.ADMIN_CENTER).withCorrelationId(f.id().toString()).withUserId(ACTOR);
        return audit.record(event, ACTOR, "alert raised: " + f.summary(),
                        AuditLog.details("rule", f.rule(), "target", f.target(), "severity", f.severity().name()))
                .flatMap(ignored -> outbox.add(event)).replaceWithVoid();
    }

    private Uni<Void> resolve(Firing f, Instant now, Outcome outcome) {
        return native1("UPDATE ops_alert SET status = 'RESOLVED', resolved_at = ?2 WHERE id = ?1 AND status = 'FIRING'",
                f.id(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).replaceWithVoid().call(() -> {
                    outcome.resolved().add(f.rule() + " " + f.target());
                    Log.infof("alert %s resolved (rule %s, target %s)%s", f.id(), f.rule(), f.target(),
                            f.notified() ? "" : ", never notified: nothing to tell");
                    if (!f.notified()) {
                        return Uni.createFrom().voidItem();
                    }
                    EventEnvelope<AlertResolved> event = EventEnvelope.of(EventType.ALERT_RESOLVED, f.id().toString(),
                            new AlertResolved(f.id().toString(), f.rule(), now, "cleared: " + f.summary()))
                            .withSource(SourceModule.ADMIN_CENTER).withCorrelationId(f.id().toString()).withUserId(ACTOR);
                    return audit.record(event, ACTOR, "alert resolved: " + f.summary(),
                                    AuditLog.details("rule", f.rule(), "target", f.target()))
                            .flatMap(ignored -> outbox.add(event)).replaceWithVoid();
                });
    }

    /** The evidence as sent: the target is part of it, so that people see what the alert is about. */
    private static Map<String, String> withTarget(Firing f) {
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("target", f.target());
        f.evidence().forEach((k, v) -> {
            if (details.size() < Evidence.MAX_ENTRIES) {
                details.putIfAbsent(k, v);
            }
        });
        return details;
    }

    /**
     * The severity alert {@code alertId} was raised with, in the caller's session (the notifier's inbox transaction);
     * empty for an id this service never raised.
     */
    public Uni<java.util.Optional<Severity>> severityOf(String alertId) {
        UUID id;
        try {
            id = UUID.fromString(alertId);
        } catch (IllegalArgumentException notOurs) {
            return Uni.createFrom().item(java.util.Optional.empty());
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT severity FROM ops_alert WHERE id = ?1",
                String.class).setParameter(1, id).getResultList())
                .map(rows -> rows.isEmpty() ? java.util.Optional.<Severity>empty()
                        : java.util.Optional.of(Severity.valueOf(rows.get(0))));
    }

    private Uni<List<Firing>> firing() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT id, rule, target, severity, summary, evidence::text, raised_at, notified
                FROM ops_alert WHERE status = 'FIRING' FOR UPDATE""", Object[].class).getResultList())
                .map(rows -> rows.stream().map(r -> new Firing(uuid(r[0]), (String) r[1], (String) r[2],
                        Severity.valueOf((String) r[3]), (String) r[4], read((String) r[5]), instant(r[6]),
                        (Boolean) r[7])).toList());
    }

    private Uni<List<String[]>> silences() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT rule, target FROM ops_alert_silence WHERE ended_at IS NULL AND ends_at > now()""", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new String[] { (String) r[0], (String) r[1] }).toList());
    }

    /** Whether a silence covers {@code rule} and {@code target}: same rule (or every rule), same target (or every one). */
    static boolean silenced(List<String[]> silences, String rule, String target) {
        return silences.stream().anyMatch(s -> (s[0] == null || s[0].equals(rule)) && (s[1] == null || s[1].equals(target)));
    }

    private static Uni<Integer> native1(String sql, Object... parameters) {
        return Panache.getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return sql.startsWith("SELECT") ? query.getSingleResult().replaceWith(1) : query.executeUpdate();
        });
    }

    private String write(Map<String, String> evidence) {
        try {
            return json.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String evidence) {
        try {
            return json.readValue(evidence, EVIDENCE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(String.valueOf(value));
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a time: " + value);
    }
}
