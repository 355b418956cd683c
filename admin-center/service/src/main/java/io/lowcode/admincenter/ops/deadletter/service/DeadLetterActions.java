package io.lowcode.admincenter.ops.deadletter.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import io.lowcode.admincenter.api.DeadLetterActionResult;
import io.lowcode.admincenter.api.DeadLetterCoordinates;
import io.lowcode.admincenter.api.DeadLetterSelection;
import io.lowcode.admincenter.audit.service.AuditLog;
import io.lowcode.admincenter.ops.OpsConfig;
import io.lowcode.admincenter.ops.deadletter.persistence.DeadLetterEntity;
import io.lowcode.eventschema.runtime.VertxContexts;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.eventschema.runtime.messaging.MessagingConfig;
import io.lowcode.eventschema.runtime.messaging.RelayProducer;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Replays and discards dead letters, all or nothing per request: the selected rows are locked, checked, acted on and
 * audited in one transaction. A replay re-publishes each record's original bytes to its original topic with its
 * original key and headers, plus {@code lowcode-replay-of}, {@code -replayed-by} and {@code -replayed-at}, in the
 * original order, through the relay's idempotent producer; the rows are marked REPLAYED only after Kafka acknowledged
 * every record. Every consumer of that topic sees the replay: those that applied the event before skip it (inbox),
 * one whose object changed since skips it as stale. A record replayed or discarded before is refused (409) unless
 * {@code force}.
 */
@ApplicationScoped
public class DeadLetterActions {

    /** Audit log entry types of the two actions. */
    public static final String AUDIT_REPLAYED = "ops.dead-letter-replayed";
    public static final String AUDIT_DISCARDED = "ops.dead-letter-discarded";

    private static final Comparator<DeadLetterEntity> ORIGINAL_ORDER = Comparator
            .comparing((DeadLetterEntity e) -> e.originalTopic, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(e -> e.originalPartition, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(e -> e.originalOffset, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(e -> e.deadLetteredAt);
    private static final Sort BY_KEY = Sort.by("dlqTopic", "dlqPartition", "dlqOffset");

    private final RelayProducer producer;
    private final AuditLog audit;
    private final MeterRegistry registry;
    private final OpsConfig.DeadLetters config;
    private final MessagingConfig.Relay relay;

    public DeadLetterActions(RelayProducer producer, AuditLog audit, MeterRegistry registry, OpsConfig config,
            MessagingConfig messaging) {
        this.producer = producer;
        this.audit = audit;
        this.registry = registry;
        this.config = config.deadLetters();
        this.relay = messaging.relay();
    }

    /**
     * @throws ProblemException 400 for a bad or too large selection, 404 for unknown coordinates, 409
     *                          {@code dead-letter-handled} / {@code dead-letter-not-replayable}, 503 when Kafka did not
     *                          acknowledge every record (nothing is marked; replaying again is safe)
     */
    @WithTransaction
    public Uni<DeadLetterActionResult> replay(DeadLetterSelection selection, Caller caller) {
        Context context = Vertx.currentContext();
        return select(selection).flatMap(selected -> {
            List<DeadLetterEntity> notReplayable = selected.stream().filter(e -> !DeadLetterBrowser.replayable(e)).toList();
            if (!notReplayable.isEmpty()) {
                throw ProblemException.conflict("dead-letter-not-replayable", "these name no business topic to replay "
                        + "to (an undeliverable notification, or a record without dead-letter headers): "
                        + coordinates(notReplayable));
            }
            refuseHandled(selected, e -> !DeadLetterEntity.NEW.equals(e.state), selection.force(), "replayed or discarded");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<DeadLetterEntity> ordered = selected.stream().sorted(ORIGINAL_ORDER).toList();
            List<Uni<Void>> sends = ordered.stream().map(e -> producer.send(e.originalTopic, e.recordKey, e.payload,
                    replayHeaders(e, caller, now)).ifNoItem().after(relay.sendTimeout()).fail()).toList();
            Uni<Void> acknowledged = sends.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.join().all(sends).andFailFast().replaceWithVoid();
            return acknowledged
                    .onFailure().transform(failure -> new ProblemException(503, "kafka-unavailable",
                            "Service unavailable", "Kafka did not acknowledge every replayed record (" + failure
                            + "); none is marked replayed, and replaying them again is safe: consumers skip what they "
                            + "applied", List.of()))
                    .emitOn(VertxContexts.executor(context))
                    .flatMap(ignored -> mark(ordered, DeadLetterEntity.REPLAYED, AUDIT_REPLAYED, "replayed to", caller,
                            now, selection.force()))
                    .map(done -> new DeadLetterActionResult("replay", coordinates(ordered), List.of()));
        });
    }

    /**
     * @throws ProblemException 400 for a bad or too large selection, 404 for unknown coordinates, 409
     *                          {@code dead-letter-handled} for a replayed one unless forced
     */
    @WithTransaction
    public Uni<DeadLetterActionResult> discard(DeadLetterSelection selection, Caller caller) {
        return select(selection).flatMap(selected -> {
            refuseHandled(selected, e -> DeadLetterEntity.REPLAYED.equals(e.state), selection.force(), "replayed");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<DeadLetterEntity> unchanged = selected.stream()
                    .filter(e -> DeadLetterEntity.DISCARDED.equals(e.state)).toList();
            List<DeadLetterEntity> changed = selected.stream()
                    .filter(e -> !DeadLetterEntity.DISCARDED.equals(e.state)).toList();
            return mark(changed, DeadLetterEntity.DISCARDED, AUDIT_DISCARDED, "discarded from", caller, now,
                    selection.force())
                    .map(done -> new DeadLetterActionResult("discard", coordinates(selected), coordinates(unchanged)));
        });
    }

    /** The selected rows, locked for the transaction in key order; 400, 404 as documented. */
    private Uni<List<DeadLetterEntity>> select(DeadLetterSelection selection) {
        boolean listed = selection.records() != null;
        if (listed == (selection.filter() != null)) {
            throw ProblemException.badRequest("records", "give either records or a filter, not both and not neither");
        }
        if (!listed) {
            DeadLetterQuery query = DeadLetterQuery.of(selection.filter());
            return DeadLetterBrowser.find(query, BY_KEY).withLock(LockModeType.PESSIMISTIC_WRITE)
                    .page(Page.ofSize(config.maxSelection() + 1)).list().map(found -> {
                        if (found.size() > config.maxSelection()) {
                            throw ProblemException.badRequest("filter", "matches more than " + config.maxSelection()
                                    + " dead letters; narrow it (topic, type, kind, consumer, from/to) and act in batches");
                        }
                        return found;
                    });
        }
        List<DeadLetterCoordinates> wanted = List.copyOf(new LinkedHashSet<>(selection.records()));
        if (wanted.isEmpty() || wanted.size() > config.maxSelection()) {
            throw ProblemException.badRequest("records", "must list 1 to " + config.maxSelection() + " dead letters");
        }
        Map<String, List<DeadLetterCoordinates>> byPartition = wanted.stream().collect(Collectors.groupingBy(
                c -> c.topic() + "/" + c.partition(), java.util.TreeMap::new, Collectors.toList()));
        Uni<List<DeadLetterEntity>> all = Uni.createFrom().item(new ArrayList<>());
        for (List<DeadLetterCoordinates> group : byPartition.values()) {
            DeadLetterCoordinates first = group.get(0);
            all = all.flatMap(found -> DeadLetterEntity.<DeadLetterEntity>find(
                            "dlqTopic = ?1 and dlqPartition = ?2 and dlqOffset in ?3", BY_KEY, first.topic(),
                            first.partition(), group.stream().map(DeadLetterCoordinates::offset).toList())
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                    .map(rows -> {
                        found.addAll(rows);
                        return found;
                    }));
        }
        return all.map(found -> {
            Map<DeadLetterCoordinates, DeadLetterEntity> byCoordinates = new LinkedHashMap<>();
            found.forEach(e -> byCoordinates.put(DeadLetterBrowser.coordinates(e), e));
            List<DeadLetterCoordinates> missing = wanted.stream().filter(c -> !byCoordinates.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw DeadLetterBrowser.notFound(missing);
            }
            return wanted.stream().map(byCoordinates::get).toList();
        });
    }

    private static void refuseHandled(List<DeadLetterEntity> selected, java.util.function.Predicate<DeadLetterEntity> handled,
            boolean force, String what) {
        List<DeadLetterEntity> refused = selected.stream().filter(handled).toList();
        if (!force && !refused.isEmpty()) {
            throw ProblemException.conflict("dead-letter-handled", "already " + what + ": " + refused.stream()
                    .map(e -> DeadLetterBrowser.coordinates(e) + " (" + e.state + " by " + e.stateChangedBy + " at "
                            + e.stateChangedAt + ")").toList() + "; set force to do it again");
        }
    }

    private Uni<Void> mark(List<DeadLetterEntity> entries, String state, String action, String verb, Caller caller,
            Instant now, boolean force) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (DeadLetterEntity e : entries) {
            String previous = e.state;
            e.state = state;
            e.stateChangedBy = caller.userId();
            e.stateChangedAt = now;
            if (DeadLetterEntity.REPLAYED.equals(state)) {
                e.replayCount++;
            }
            String subject = DeadLetterBrowser.coordinates(e).toString();
            done = done.call(() -> audit.recordAction(action, subject, caller.userId(), now, "dead letter " + subject
                    + " (" + e.eventType + " " + e.eventId + ") " + verb + " " + (e.originalTopic == null ? "the index"
                    : e.originalTopic), AuditLog.details("eventId", e.eventId, "eventType", e.eventType, "consumer",
                    e.consumer, "kind", e.kind, "previousState", previous, "forced", force, "correlationId",
                    caller.correlationId())));
            registry.counter("lowcode.dead.letters." + state.toLowerCase(java.util.Locale.ROOT), "topic", e.dlqTopic)
                    .increment();
            Log.infof("dead letter %s (%s %s) %s by %s (correlation %s)", subject, e.eventType, e.eventId,
                    state.toLowerCase(java.util.Locale.ROOT), caller.userId(), caller.correlationId());
        }
        return done;
    }

    /** The original record's headers (as the dead letter kept them), and what this replays and who replayed it. */
    private static List<Header> replayHeaders(DeadLetterEntity e, Caller caller, Instant now) {
        List<Header> headers = new ArrayList<>();
        e.headers.forEach((name, value) -> {
            if (!DeadLetters.isDeadLetterOrReplayHeader(name)) {
                headers.add(header(name, value));
            }
        });
        headers.add(header(DeadLetters.REPLAY_OF, DeadLetterBrowser.coordinates(e).toString()));
        headers.add(header(DeadLetters.REPLAYED_BY, caller.userId()));
        headers.add(header(DeadLetters.REPLAYED_AT, now.toString()));
        return headers;
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<DeadLetterCoordinates> coordinates(List<DeadLetterEntity> entries) {
        return entries.stream().map(DeadLetterBrowser::coordinates).toList();
    }
}
