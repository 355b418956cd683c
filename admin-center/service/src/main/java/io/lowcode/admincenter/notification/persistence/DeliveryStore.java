package io.lowcode.admincenter.notification.persistence;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.NotificationDelivery;
import io.lowcode.admincenter.api.NotificationDeliveryPage;
import io.lowcode.eventschema.payload.Channel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The dispatcher's and the delivery log's access to {@code notification_delivery}, through the reactive pool (no
 * Hibernate session: the dispatcher runs outside any request or message context). Each statement is its own short
 * transaction; nothing is held open while a channel sends.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final String COLUMNS = "id, notification_id, event_id, correlation_id, template, severity, channel, "
            + "recipient, address, title, body, payload, attempts, requested_at";

    private final Pool pool;

    public DeliveryStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims up to {@code limit} due deliveries of {@code channel}, oldest due first: PENDING and RETRY rows whose
     * time has come and SENDING rows whose lease ran out (their dispatcher died). Rows another dispatcher is claiming
     * are skipped ({@code FOR UPDATE SKIP LOCKED}). Each claimed row becomes SENDING with a lease of {@code lease},
     * and its attempt count goes up by one.
     */
    public Uni<List<ClaimedDelivery>> claim(Channel channel, int limit, Duration lease) {
        return pool.preparedQuery("""
                UPDATE notification_delivery SET status = 'SENDING', attempts = attempts + 1,
                       next_attempt_at = now() + make_interval(secs => $3), updated_at = now()
                WHERE id IN (SELECT id FROM notification_delivery
                             WHERE channel = $1 AND status IN ('PENDING', 'RETRY', 'SENDING') AND next_attempt_at <= now()
                             ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(channel.name(), limit, lease.toMillis() / 1000.0))
                .map(rows -> {
                    List<ClaimedDelivery> claimed = new ArrayList<>();
                    rows.forEach(row -> claimed.add(claimed(row)));
                    return claimed;
                });
    }

    public Uni<Void> markSent(UUID id) {
        return update("UPDATE notification_delivery SET status = 'SENT', sent_at = now(), updated_at = now(), "
                + "last_error = NULL WHERE id = $1 AND status = 'SENDING'", Tuple.of(id));
    }

    public Uni<Void> markRetry(UUID id, String error, Duration delay) {
        return update("UPDATE notification_delivery SET status = 'RETRY', last_error = $2, updated_at = now(), "
                + "next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1 AND status = 'SENDING'",
                Tuple.of(id, error, delay.toMillis() / 1000.0));
    }

    public Uni<Void> markFailed(UUID id, String error) {
        return update("UPDATE notification_delivery SET status = 'FAILED', last_error = $2, updated_at = now() "
                + "WHERE id = $1 AND status = 'SENDING'", Tuple.of(id, error));
    }

    /** Deletes finished deliveries created before {@code now - retention}; returns how many. */
    public Uni<Integer> purge(Duration retention) {
        return pool.preparedQuery("DELETE FROM notification_delivery WHERE created_at < now() - make_interval(secs => $1)"
                + " AND status IN ('SENT', 'FAILED', 'SUPPRESSED', 'RATE_LIMITED', 'SKIPPED')")
                .execute(Tuple.of(retention.toMillis() / 1000.0)).map(rows -> rows.rowCount());
    }

    /** A page of the delivery log, newest first; {@code null} filters match everything. */
    public Uni<NotificationDeliveryPage> page(DeliveryStatus status, Channel channel, String notificationId, int page,
            int size) {
        String where = " WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR channel = $2)"
                + " AND ($3::text IS NULL OR notification_id = $3)";
        Tuple filters = Tuple.of(status == null ? null : status.name(), channel == null ? null : channel.name(),
                notificationId);
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM notification_delivery" + where).execute(filters)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<NotificationDelivery>> items = pool.preparedQuery("""
                SELECT id, notification_id, event_id, template, severity, channel, recipient, address, title, status,
                       attempts, last_error, requested_at, created_at, sent_at
                FROM notification_delivery""" + where + " ORDER BY created_at DESC, id LIMIT $4 OFFSET $5")
                .execute(Tuple.of(filters.getValue(0), filters.getValue(1), filters.getValue(2), size, (long) page * size))
                .map(rows -> {
                    List<NotificationDelivery> list = new ArrayList<>();
                    rows.forEach(row -> list.add(view(row)));
                    return list;
                });
        return Uni.combine().all().unis(items, total).asTuple()
                .map(both -> new NotificationDeliveryPage(both.getItem1(), page, size, both.getItem2()));
    }

    private Uni<Void> update(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters).replaceWithVoid();
    }

    private static ClaimedDelivery claimed(Row row) {
        return new ClaimedDelivery(row.getUUID("id"), row.getString("notification_id"), row.getUUID("event_id"),
                row.getString("correlation_id"), row.getString("template"), row.getString("severity"),
                Channel.valueOf(row.getString("channel")), row.getString("recipient"), row.getString("address"),
                row.getString("title"), row.getString("body"), row.getString("payload"), row.getInteger("attempts"),
                row.getOffsetDateTime("requested_at").toInstant());
    }

    private static NotificationDelivery view(Row row) {
        OffsetDateTime sent = row.getOffsetDateTime("sent_at");
        return new NotificationDelivery(row.getUUID("id").toString(), row.getString("notification_id"),
                row.getUUID("event_id").toString(), row.getString("template"), row.getString("severity"),
                row.getString("channel"), row.getString("recipient"), row.getString("address"), row.getString("title"),
                row.getString("status"), row.getInteger("attempts"), row.getString("last_error"),
                row.getOffsetDateTime("requested_at").toInstant(), row.getOffsetDateTime("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
