package io.lowcode.admincenter.notification.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.notification.NotifyConfig;
import io.lowcode.admincenter.notification.channel.ImFormat;
import io.lowcode.admincenter.notification.channel.ImFormat.ImMessage;
import io.lowcode.admincenter.notification.channel.ImFormat.Mention;
import io.lowcode.admincenter.notification.persistence.DeliveryStatus;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.runtime.configuration.ManagedKeys;
import io.lowcode.eventschema.runtime.configuration.ManagedParameters;
import io.lowcode.eventschema.runtime.messaging.PermanentEventFailure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Turns one notification into delivery rows, inside the inbox transaction of its event (so a redelivered event writes
 * nothing twice): renders the template, routes by severity, resolves users and role members to accounts, and writes
 * one row per (person, channel) and per (IM bot) — PENDING, or SUPPRESSED when the same message went to the same
 * recipient on the same channel within the de-duplication window, RATE_LIMITED when the recipient had their share
 * on that channel within the rate-limit window, SKIPPED when there is no address. Each message (its de-duplication
 * key) is serialized by a transaction-scoped advisory lock, so concurrent consumers cannot both let a duplicate
 * through; the rate limit is counted without a lock (locking per recipient would serialize every notification to a
 * bot or a busy person), so concurrent consumers may let through at most their number minus one extra.
 */
@ApplicationScoped
public class NotificationPlanner {

    /** A notification to plan: from a {@code notification.requested} or an alert. */
    public record Request(String notificationId, UUID eventId, String correlationId, Instant requestedAt,
                          String template, Map<String, String> parameters, Severity severity, Set<Channel> channels,
                          List<String> users, List<String> roles) {
    }

    /** How many rows of each status were written, per channel. */
    public record Plan(Map<Channel, Map<DeliveryStatus, Integer>> written) {

        public boolean anyPending() {
            return written.values().stream().anyMatch(m -> m.getOrDefault(DeliveryStatus.PENDING, 0) > 0);
        }
    }

    private record Person(String userId, String name, String email, String phone) {
    }

    private record Row(UUID id, Channel channel, String recipient, String address, String payload, String dedupKey,
                       DeliveryStatus status, String reason) {

        String lockKey() {
            return dedupKey;
        }
    }

    /** The recipient of an IM bot's rows: {@code bot:<name>}. */
    public static final String BOT_PREFIX = "bot:";

    private final NotifyConfig config;
    private final NotifierMetrics metrics;

    private final ManagedParameters managed;

    public NotificationPlanner(NotifyConfig config, NotifierMetrics metrics, ManagedParameters managed) {
        this.config = config;
        this.metrics = metrics;
        this.managed = managed;
    }

    /** The channels a request ends up on: those it asks for that its severity routes to. */
    public Set<Channel> route(Severity severity, Set<Channel> requested) {
        Set<Channel> routed = EnumSet.noneOf(Channel.class);
        routed.addAll(routing(severity));
        routed.retainAll(requested);
        return routed;
    }

    /**
     * Writes the notification's delivery rows; must run in a transaction.
     *
     * @throws PermanentEventFailure for an unknown template
     */
    public Uni<Plan> plan(Request request) {
        Templates.Template template = Templates.find(request.template()).orElseThrow(() -> new PermanentEventFailure(
                "notification " + request.notificationId() + " names template '" + request.template()
                        + "', which does not exist (known: " + new java.util.TreeSet<>(Templates.ids()) + ")"));
        Templates.Message message = Templates.render(template, request.parameters());
        Set<Channel> channels = route(request.severity(), request.channels());
        if (channels.isEmpty()) {
            Log.infof("notification %s (%s, %s) asks for %s, which severity %s does not route to; nothing to deliver",
                    request.notificationId(), request.template(), request.eventId(), request.channels(), request.severity());
            return Uni.createFrom().item(new Plan(Map.of()));
        }
        return people(request).flatMap(people -> {
            List<Row> rows = rows(request, message, channels, people);
            if (rows.isEmpty()) {
                Log.warnf("notification %s (%s, event %s) has no one to deliver to: users %s, roles %s, channels %s",
                        request.notificationId(), request.template(), request.eventId(), request.users(), request.roles(),
                        channels);
                return Uni.createFrom().item(new Plan(Map.of()));
            }
            rows.sort(Comparator.comparing(Row::lockKey));
            Map<Channel, Map<DeliveryStatus, Integer>> written = new EnumMap<>(Channel.class);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Row row : rows) {
                chain = chain.flatMap(ignored -> write(request, message, row)).invoke(status -> {
                    if (status != null) {
                        written.computeIfAbsent(row.channel(), c -> new EnumMap<>(DeliveryStatus.class))
                                .merge(status, 1, Integer::sum);
                        metrics.planned(row.channel(), status);
                    }
                }).replaceWithVoid();
            }
            return chain.map(ignored -> {
                Log.infof("notification %s (%s, %s) planned: %s (event %s, correlation %s)", request.notificationId(),
                        request.template(), request.severity(), written, request.eventId(), request.correlationId());
                return new Plan(written);
            });
        });
    }

    private List<Row> rows(Request request, Templates.Message message, Set<Channel> channels, List<Person> people) {
        List<Row> rows = new ArrayList<>();
        for (Person person : people) {
            if (channels.contains(Channel.EMAIL)) {
                rows.add(row(request, Channel.EMAIL, person.userId(), person.email(), null, "no email address"));
            }
            if (channels.contains(Channel.SMS)) {
                rows.add(row(request, Channel.SMS, person.userId(), person.phone(), null, "no phone number on record"));
            }
        }
        if (channels.contains(Channel.IM)) {
            List<Mention> mentions = people.stream().map(p -> new Mention(p.userId(), p.name(), p.phone())).toList();
            config.im().bots().forEach((name, bot) -> {
                if (bot.severities().contains(request.severity())) {
                    ImMessage im = new ImMessage(request.notificationId(), request.template(), request.severity().name(),
                            message.title(), message.body(), mentions, request.parameters());
                    String payload = ImFormat.of(bot.format()).payload(im).encode();
                    rows.add(row(request, Channel.IM, BOT_PREFIX + name, name, payload, null));
                }
            });
        }
        return rows;
    }

    private Row row(Request request, Channel channel, String recipient, String address, String payload,
            String missingAddress) {
        boolean hasAddress = address != null && !address.isBlank();
        return new Row(UUID.randomUUID(), channel, recipient, hasAddress ? address : null, payload,
                dedupKey(request.template(), request.parameters(), recipient, channel),
                hasAddress ? DeliveryStatus.PENDING : DeliveryStatus.SKIPPED, hasAddress ? null : missingAddress);
    }

    /**
     * Locks the message (skipped for a row that is not PENDING anyway), then in one statement decides the row's
     * status and inserts it; {@code null} when the row already existed. The statement after the lock sees every row
     * committed by whoever held it, so de-duplication is exact.
     */
    private Uni<DeliveryStatus> write(Request request, Templates.Message message, Row row) {
        return Panache.getSession().flatMap(session -> {
            Uni<?> lock = row.status() != DeliveryStatus.PENDING ? Uni.createFrom().voidItem()
                    : session.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock("
                            + "hashtextextended(:key, 0))) locked")
                            .setParameter("key", row.lockKey())
                            .getSingleResult();
            return lock.flatMap(ignored -> session.createNativeQuery("""
                    WITH decided AS (
                        SELECT CASE
                            WHEN CAST(:status AS text) <> 'PENDING' THEN CAST(:status AS text)
                            WHEN EXISTS (SELECT 1 FROM notification_delivery WHERE dedup_key = :dedup
                                    AND created_at > now() - make_interval(secs => :dedupWindow)
                                    AND status IN ('PENDING', 'SENDING', 'RETRY', 'SENT')) THEN 'SUPPRESSED'
                            WHEN (SELECT count(*) FROM notification_delivery WHERE recipient = :recipient
                                    AND channel = :channel AND created_at > now() - make_interval(secs => :rateWindow)
                                    AND status IN ('PENDING', 'SENDING', 'RETRY', 'SENT', 'FAILED')) >= :limit
                                THEN 'RATE_LIMITED'
                            ELSE 'PENDING' END AS status)
                    INSERT INTO notification_delivery (id, notification_id, event_id, correlation_id, template, severity,
                        channel, recipient, address, title, body, payload, dedup_key, status, last_error,
                        next_attempt_at, requested_at, created_at, updated_at)
                    SELECT :id, :notificationId, :eventId, CAST(:correlationId AS text), :template, :severity, :channel,
                        :recipient, CAST(:address AS text), :title, :body, CAST(:payload AS text), :dedup, d.status,
                        CASE d.status WHEN 'SUPPRESSED' THEN CAST(:suppressed AS text)
                                      WHEN 'RATE_LIMITED' THEN CAST(:limited AS text)
                                      ELSE CAST(:reason AS text) END,
                        now(), :requestedAt, clock_timestamp(), clock_timestamp()
                    FROM decided d
                    ON CONFLICT (notification_id, channel, recipient) DO NOTHING
                    RETURNING status""", String.class)
                    .setParameter("status", row.status().name())
                    .setParameter("dedup", row.dedupKey())
                    .setParameter("dedupWindow", seconds(dedupWindow()))
                    .setParameter("recipient", row.recipient())
                    .setParameter("channel", row.channel().name())
                    .setParameter("rateWindow", seconds(rateWindow()))
                    .setParameter("limit", limit(row))
                    .setParameter("id", row.id())
                    .setParameter("notificationId", request.notificationId())
                    .setParameter("eventId", request.eventId())
                    .setParameter("correlationId", request.correlationId())
                    .setParameter("template", request.template())
                    .setParameter("severity", request.severity().name())
                    .setParameter("address", row.address())
                    .setParameter("title", message.title())
                    .setParameter("body", message.body())
                    .setParameter("payload", row.payload())
                    .setParameter("suppressed", reason(DeliveryStatus.SUPPRESSED, row))
                    .setParameter("limited", reason(DeliveryStatus.RATE_LIMITED, row))
                    .setParameter("reason", row.reason())
                    .setParameter("requestedAt", request.requestedAt())
                    .getResultList()
                    .map(inserted -> inserted.isEmpty() ? null : DeliveryStatus.valueOf(inserted.get(0))));
        });
    }

    private String reason(DeliveryStatus status, Row row) {
        return switch (status) {
            case SUPPRESSED -> "the same message went to " + row.recipient() + " on " + row.channel() + " within "
                    + dedupWindow();
            case RATE_LIMITED -> row.recipient() + " had " + limit(row) + " messages on "
                    + row.channel() + " within " + rateWindow();
            case SKIPPED -> row.reason();
            default -> null;
        };
    }

    private int limit(Row row) {
        return row.recipient().startsWith(BOT_PREFIX)
                ? managed.integer(ManagedKeys.NOTIFY_RATE_BOT_MAX_PER_WINDOW, config.rateLimit().botMaxPerWindow())
                : managed.integer(ManagedKeys.NOTIFY_RATE_MAX_PER_WINDOW, config.rateLimit().maxPerWindow());
    }

    /** Routing, rate limits and de-duplication: the managed configuration's, else {@code lowcode.notify.*}. */
    private Set<Channel> routing(Severity severity) {
        return managed.text(ManagedKeys.NOTIFY_ROUTING_PREFIX + severity.name().toLowerCase(java.util.Locale.ROOT))
                .map(NotificationPlanner::channels).orElseGet(() -> config.routing().of(severity));
    }

    static Set<Channel> channels(String list) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                channels.add(Channel.valueOf(name.strip()));
            }
        }
        return channels;
    }

    private java.time.Duration rateWindow() {
        return managed.duration(ManagedKeys.NOTIFY_RATE_WINDOW, config.rateLimit().window());
    }

    private java.time.Duration dedupWindow() {
        return managed.duration(ManagedKeys.NOTIFY_DEDUP_WINDOW, config.dedupWindow());
    }

    /** Active accounts of the named users and of the members of the named roles, each once, by user id. */
    @SuppressWarnings("unchecked")
    private Uni<List<Person>> people(Request request) {
        List<String> users = request.users().isEmpty() ? List.of("") : request.users();
        List<String> roles = request.roles().isEmpty() ? List.of("") : request.roles();
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT a.user_id::text, coalesce(a.display_name, a.username), a.email, c.phone
                FROM user_account a LEFT JOIN user_contact c ON c.user_id = a.user_id
                WHERE a.status = 'ACTIVE'
                  AND (a.user_id::text IN (:users)
                       OR a.user_id IN (SELECT r.user_id FROM user_role r WHERE r.role IN (:roles)))
                ORDER BY a.username""", Object[].class)
                .setParameter("users", users)
                .setParameter("roles", roles)
                .getResultList())
                .map(rows -> {
                    Map<String, Person> people = new LinkedHashMap<>();
                    for (Object[] row : (List<Object[]>) (List<?>) rows) {
                        people.putIfAbsent((String) row[0], new Person((String) row[0], (String) row[1],
                                (String) row[2], (String) row[3]));
                    }
                    return List.copyOf(people.values());
                });
    }

    /** Same template, parameters, recipient and channel ⇒ same key. */
    static String dedupKey(String template, Map<String, String> parameters, String recipient, Channel channel) {
        StringBuilder text = new StringBuilder(template).append('\u0000').append(recipient).append('\u0000')
                .append(channel.name());
        new TreeMap<>(parameters).forEach((k, v) -> text.append('\u0000').append(k).append('=').append(v));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
