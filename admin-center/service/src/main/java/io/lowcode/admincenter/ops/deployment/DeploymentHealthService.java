package io.lowcode.admincenter.ops.deployment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.DeploymentHealth;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The monitoring service's view of live deployments (seed §2.3.1): from a {@code function-unit.deployed} in the
 * operations timeline on, the deployed version is watched through its executions (the execution monitor's
 * {@code execution_record}) — how many, success rate, p95 duration — and judged HEALTHY, DEGRADED or FAILING
 * against {@link DeploymentHealthConfig}. A unit whose last lifecycle change is a retirement is not live.
 */
@ApplicationScoped
public class DeploymentHealthService {

    /** What a live deployment's executions say, before judgement. */
    record Observed(String functionUnitId, String name, String version, Instant deployedAt, String deployedBy,
            long executions, long running, long completed, long failed, long interrupted, Long p95DurationMs) {
    }

    private final DeploymentHealthConfig config;

    public DeploymentHealthService(DeploymentHealthConfig config) {
        this.config = config;
    }

    /** Every live deployment with its health, by function unit id. */
    @WithSession
    public Uni<List<DeploymentHealth>> live() {
        Instant since = Instant.now().minus(config.window());
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                WITH latest AS (
                    SELECT DISTINCT ON (function_unit_id) function_unit_id, name, version, event_type, occurred_at,
                           details ->> 'deployedBy' AS deployed_by
                    FROM operations_timeline
                    WHERE event_type IN ('function-unit.deployed', 'function-unit.retired') AND status = 'SUCCESS'
                    ORDER BY function_unit_id, occurred_at DESC, event_id DESC)
                SELECT l.function_unit_id, l.name, l.version, l.occurred_at, l.deployed_by,
                       count(r.execution_id),
                       count(*) FILTER (WHERE r.status = 'RUNNING'),
                       count(*) FILTER (WHERE r.status = 'COMPLETED'),
                       count(*) FILTER (WHERE r.status = 'FAILED'),
                       count(*) FILTER (WHERE r.status = 'INTERRUPTED'),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY r.duration_ms) FILTER (WHERE r.status = 'COMPLETED')
                FROM latest l
                LEFT JOIN execution_record r ON r.function_unit_id = l.function_unit_id AND r.version = l.version
                     AND r.started_at >= greatest(l.occurred_at, :since)
                WHERE l.event_type = 'function-unit.deployed'
                GROUP BY l.function_unit_id, l.name, l.version, l.occurred_at, l.deployed_by
                ORDER BY l.function_unit_id""", Object[].class)
                .setParameter("since", OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .getResultList())
                .map(rows -> rows.stream().map(DeploymentHealthService::observed).map(this::judge).toList());
    }

    /** The status of what was observed, with the evidence for people. */
    DeploymentHealth judge(Observed o) {
        long finished = o.completed() + o.failed();
        Double rate = finished == 0 ? null : (double) o.completed() / finished;
        List<String> evidence = new ArrayList<>();
        String status;
        if (finished < config.minFinished()) {
            status = "NO_DATA";
            evidence.add(finished + " execution(s) finished in the last " + config.window().toMinutes()
                    + " min, fewer than the " + config.minFinished() + " a judgement needs");
        } else {
            evidence.add(String.format("success rate %.1f %% (%d completed, %d failed) in the last %d min",
                    rate * 100, o.completed(), o.failed(), config.window().toMinutes()));
            if (rate < config.failingBelow()) {
                status = "FAILING";
                evidence.add(String.format("below the failing threshold %.1f %%", config.failingBelow() * 100));
            } else if (rate < config.degradedBelow()) {
                status = "DEGRADED";
                evidence.add(String.format("below the degraded threshold %.1f %%", config.degradedBelow() * 100));
            } else {
                status = "HEALTHY";
            }
            if (o.p95DurationMs() != null && o.p95DurationMs() > config.slowP95().toMillis()) {
                evidence.add("p95 duration " + o.p95DurationMs() + " ms above " + config.slowP95().toMillis() + " ms");
                if (status.equals("HEALTHY")) {
                    status = "DEGRADED";
                }
            }
        }
        return new DeploymentHealth(o.functionUnitId(), o.name(), o.version(), o.deployedAt(), o.deployedBy(), status,
                o.executions(), o.running(), o.completed(), o.failed(), o.interrupted(), rate, o.p95DurationMs(),
                List.copyOf(evidence));
    }

    private static Observed observed(Object[] row) {
        return new Observed((String) row[0], (String) row[1], (String) row[2], instant(row[3]), (String) row[4],
                number(row[5]), number(row[6]), number(row[7]), number(row[8]), number(row[9]),
                row[10] == null ? null : Math.round(((Number) row[10]).doubleValue()));
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return (Instant) value;
    }

    private static long number(Object value) {
        return value instanceof BigDecimal d ? d.longValue() : ((Number) value).longValue();
    }
}
