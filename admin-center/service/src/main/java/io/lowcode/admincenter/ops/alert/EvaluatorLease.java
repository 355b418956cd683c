package io.lowcode.admincenter.ops.alert;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which admin-center pod evaluates the alert rules: the holder of the lease row {@code ops_alert_lease}. Each
 * evaluation renews it ({@code holder = me or expired}, one UPDATE); a pod that stops renewing (dead, partitioned
 * from the database) loses it after {@code lowcode.ops.alerts.lease-ttl} and another pod takes over. No connection is
 * held between evaluations (an advisory session lock would pin one pool connection per pod forever).
 */
@ApplicationScoped
public class EvaluatorLease {

    static final String NAME = "alert-evaluator";

    private final Pool pool;
    private final String holder;
    private final String name;

    @jakarta.inject.Inject
    public EvaluatorLease(Pool pool) {
        this(pool, hostname() + "/" + UUID.randomUUID(), NAME);
    }

    /** A lease on row {@code name} held as {@code holder} (tests: two pods on one database). */
    EvaluatorLease(Pool pool, String holder, String name) {
        this.pool = pool;
        this.holder = holder;
        this.name = name;
    }

    /** Takes or renews the lease for {@code ttl}; true when this pod holds it now. */
    public Uni<Boolean> acquire(Duration ttl) {
        return pool.preparedQuery("""
                UPDATE ops_alert_lease SET holder = $1, expires_at = now() + make_interval(secs => $2)
                WHERE name = $3 AND (holder = $1 OR expires_at < now()) RETURNING holder""")
                .execute(Tuple.of(holder, ttl.toMillis() / 1000.0, name))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the lease up (on shutdown), so that another pod takes over at once. */
    public Uni<Void> release() {
        return pool.preparedQuery("UPDATE ops_alert_lease SET expires_at = '-infinity' WHERE name = $1 AND holder = $2")
                .execute(Tuple.of(name, holder)).replaceWithVoid();
    }

    public String holder() {
        return holder;
    }

    private static String hostname() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "admin-center" : host;
    }
}
