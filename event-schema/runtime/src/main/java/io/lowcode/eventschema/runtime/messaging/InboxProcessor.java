package io.lowcode.eventschema.runtime.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

import io.lowcode.eventschema.Delivery;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.runtime.VertxContexts;
import io.lowcode.eventschema.runtime.configuration.ManagedKeys;
import io.lowcode.eventschema.runtime.configuration.ManagedParameters;
import io.lowcode.eventschema.runtime.selfhealing.ConsumerWatchdog;
import io.lowcode.eventschema.runtime.tracing.EventTracing;
import io.lowcode.eventschema.serde.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The consumer side: decodes a record, applies it at most once per consumer (the event id is recorded in
 * {@code inbox_event} in the same transaction as the handler's change), skips it when it is older than the last
 * change applied to the same state object ({@link AppliedPositions}), retries transient failures with exponential
 * backoff, and dead-letters what cannot be applied — at once when the record is invalid or the handler says retrying
 * is useless. How long a transient failure is retried is the event type's {@link Delivery} in the catalog: a bounded
 * budget, then the dead-letter topic; or, for the security-relevant types, until it is applied (the partition waits,
 * the consumer group's lag shows it). A poison record never holds its partition. An event of a type this consumer
 * applies whose {@code source} is not one of the type's producers in the catalog (a forged or misrouted event) is never
 * applied: it is counted and dead-lettered as a permanent failure.
 *
 * What a handler writes to the outbox in the inbox transaction is relayed right after the commit (the transaction is a
 * {@link UnitOfWork}): handlers do not wake the relay themselves.
 *
 * <p>Use from an {@code @Incoming} method that takes a {@code Message<byte[]>} and returns this Uni; the
 * channel needs {@code failure-strategy=dead-letter-queue} and its {@code dead-letter-queue.topic}, and — where it
 * applies a retry-until-applied type — {@code throttled.unprocessed-record-max-age.ms=0}, or the connector gives up
 * on a record that waits longer than a minute.
 */
@ApplicationScoped
public class InboxProcessor {

    private final EventCodec codec;
    private final EventMetrics metrics;
    private final AppliedPositions positions;
    private final MessagingConfig.Retry retry;
    private final EventTracing tracing;
    private final ManagedParameters managed;
    private final ConsumerWatchdog watchdog;
    private final UnitOfWork units;

    public InboxProcessor(EventCodec codec, EventMetrics metrics, AppliedPositions positions, MessagingConfig config,
            EventTracing tracing, ManagedParameters managed, ConsumerWatchdog watchdog, UnitOfWork units) {
        this.codec = codec;
        this.metrics = metrics;
        this.positions = positions;
        this.retry = config.retry();
        this.tracing = tracing;
        this.managed = managed;
        this.watchdog = watchdog;
        this.units = units;
    }

    /**
     * Applies {@code message} with {@code handler} (which runs inside the inbox transaction) if its type is
     * one this consumer {@code applies}; acknowledges the others at once, without a transaction and without decoding
     * them (their type is read from the record's top-level {@code type}, {@link EventCodec#peekType}); nacks
     * (dead-letters) what cannot be applied, and a record whose type cannot be read that way as invalid.
     */
    public Uni<Void> process(Message<byte[]> message, Set<EventType> applies,
            Function<EventEnvelope<?>, Uni<Void>> handler) {
        return process(message, applies, StaleEvents.SKIP, handler);
    }

    /** What a consumer does with an event older than the last change it applied to the same object. */
    public enum StaleEvents {
        /** Skip it (counted as stale): the consumer keeps state, and an older change must not undo a newer one. */
        SKIP,
        /** Apply it like any other: the consumer keeps a history (a timeline), where a late event belongs too. */
        RECORD
    }

    /** Like {@link #process(Message, Set, Function)}, choosing what happens to stale events. */
    public Uni<Void> process(Message<byte[]> message, Set<EventType> applies, StaleEvents stale,
            Function<EventEnvelope<?>, Uni<Void>> handler) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        String consumer = consumerOf(record.getChannel());
        long received = System.nanoTime();
        if (ignored(message.getPayload(), applies, received)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        EventEnvelope<?> event;
        try {
            event = codec.deserialize(message.getPayload());
        } catch (InvalidEventException invalid) {
            Log.warnf("dead-lettering invalid record %s-%d@%d on %s: %s", record.getTopic(), record.getPartition(),
                    record.getOffset(), consumer, invalid.getMessage());
            metrics.deadLettered("invalid", DeadLetters.KIND_INVALID);
            return nack(message, invalid, DeadLetters.metadata(DeadLetters.KIND_INVALID, 1, consumer, invalid.field()));
        }
        String type = event.type().type();
        if (!applies.contains(event.type())) {
            metrics.consumed(type, InboxOutcome.IGNORED, Duration.ofNanos(System.nanoTime() - received));
            return Uni.createFrom().completionStage(message.ack());
        }
        if (!fromItsProducer(event)) {
            PermanentEventFailure foreign = new PermanentEventFailure("source '" + event.source()
                    + "' does not produce " + type + " (the catalog's producers: " + event.type().producers() + ")");
            Log.warnf("dead-lettering %s %s from %s-%d@%d on %s: %s", type, event.id(), record.getTopic(),
                    record.getPartition(), record.getOffset(), consumer, foreign.getMessage());
            metrics.foreignSource(type, consumer);
            metrics.deadLettered(type, DeadLetters.KIND_PERMANENT);
            return nack(message, foreign, DeadLetters.metadata(DeadLetters.KIND_PERMANENT, 1, consumer, "source"));
        }
        Context context = Vertx.currentContext();
        AtomicInteger attempts = new AtomicInteger();
        // the producer's span is the parent; events the handler writes carry this span (see Outbox)
        EventTracing.ConsumerSpan span = tracing.startConsumer(event, consumer);
        AtomicReference<String> outcomeLabel = new AtomicReference<>("dead-lettered");
        boolean untilApplied = event.type().retriesUntilApplied();
        // the watchdog sees each attempt start and end: one that never ends stalls the channel, which it restarts
        return watchdog.guard(record, watched -> retried(Uni.createFrom().deferred(() -> {
            if (attempts.incrementAndGet() > 1) {
                metrics.retried(type);
            }
            watched.started();
            return applyOnce(event, consumer, record, stale, handler).onTermination().invoke(watched::ended);
        })
                .runSubscriptionOn(VertxContexts.executor(context))
                .onFailure(InboxProcessor::isTransient)
                .invoke(failure -> Log.warnf("attempt %d%s to apply %s %s on %s failed: %s", attempts.get(),
                        untilApplied ? " (retried until applied)" : " of " + maxAttempts(), type, event.id(),
                        consumer, failure.toString())), untilApplied)
                .flatMap(outcome -> {
                    outcomeLabel.set(outcome.label());
                    metrics.consumed(type, outcome, Duration.ofNanos(System.nanoTime() - received));
                    if (outcome == InboxOutcome.DUPLICATE) {
                        Log.infof("skipped redelivered %s %s on %s", type, event.id(), consumer);
                    }
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> {
                    String kind = isTransient(failure) ? DeadLetters.KIND_RETRIES_EXHAUSTED : DeadLetters.KIND_PERMANENT;
                    Log.errorf("dead-lettering %s %s on %s after %d attempt(s): %s (correlation %s)", type, event.id(),
                            consumer, attempts.get(), failure.toString(), event.correlationid());
                    metrics.deadLettered(type, kind);
                    span.span().recordException(failure);
                    return nack(message, failure, DeadLetters.metadata(kind, attempts.get(), consumer, null));
                })
                .onTermination().invoke((ignored, failure, cancelled) -> span.end(outcomeLabel.get(), failure)));
    }

    /**
     * The batch form of {@link #process(Message, Set, StaleEvents, Function)}, for a channel with {@code batch=true}
     * whose {@code @Incoming} method takes a {@code KafkaRecordBatch<String, byte[]>}: the poll's records this consumer
     * applies are applied in <em>one</em> transaction — one inbox insert of all their ids
     * ({@code ON CONFLICT DO NOTHING}, the ids it returns are the new ones), then each new event in the order of its
     * partition: its applied position and its handler, as one at a time would — so one commit serves the whole poll.
     * The guarantees are those of the record-at-a-time path, which the batch falls back to: an invalid or foreign record
     * is dead-lettered on its own (before the others are applied), and when the batch's transaction fails (a handler
     * refuses an event, the database is away), nothing of it was applied and every record is processed again one at a
     * time, with its own retries and dead letter. The batch is acknowledged (its offsets committed) only after all of
     * that.
     */
    public Uni<Void> processBatch(KafkaRecordBatch<String, byte[]> batch, Set<EventType> applies, StaleEvents stale,
            Function<EventEnvelope<?>, Uni<Void>> handler) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        if (records.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        List<Decoded> work = new ArrayList<>();
        List<Message<byte[]>> alone = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : records) {
            long received = System.nanoTime();
            if (ignored(record.getPayload(), applies, received)) {
                continue;
            }
            EventEnvelope<?> event;
            try {
                event = codec.deserialize(record.getPayload());
            } catch (InvalidEventException invalid) {
                alone.add(record);
                continue;
            }
            if (!applies.contains(event.type())) {
                metrics.consumed(event.type().type(), InboxOutcome.IGNORED, Duration.ofNanos(System.nanoTime() - received));
            } else if (!fromItsProducer(event)) {
                alone.add(record);
            } else {
                work.add(new Decoded(record, metadataOf(record), event, received));
            }
        }
        // what cannot be applied is dead-lettered record by record, as the record-at-a-time path does
        Uni<Void> deadLettered = Uni.createFrom().voidItem();
        for (Message<byte[]> record : alone) {
            deadLettered = deadLettered.call(() -> process(record, applies, stale, handler));
        }
        return deadLettered
                .call(() -> work.isEmpty() ? Uni.createFrom().voidItem()
                        // one record: the record-at-a-time path (no second attempt after a failed batch of one)
                        : work.size() == 1 ? process(work.get(0).message(), applies, stale, handler)
                        : applyBatch(work, applies, stale, handler))
                .call(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /**
     * Whether the record is of a type this consumer does not apply (several types share a topic): acknowledged without
     * decoding it, counted as ignored. A record whose type cannot be read this way is decoded in full (and refused if
     * invalid) by the caller.
     */
    private boolean ignored(byte[] payload, Set<EventType> applies, long received) {
        Optional<EventType> type = codec.peekType(payload);
        if (type.isEmpty() || applies.contains(type.get())) {
            return false;
        }
        metrics.consumed(type.get().type(), InboxOutcome.IGNORED, Duration.ofNanos(System.nanoTime() - received));
        return true;
    }

    /** A record of a batch, decoded, of a type this consumer applies, from one of its producers. */
    private record Decoded(Message<byte[]> message, IncomingKafkaRecordMetadata<?, ?> record, EventEnvelope<?> event,
            long received) {
    }

    private Uni<Void> applyBatch(List<Decoded> work, Set<EventType> applies, StaleEvents stale,
            Function<EventEnvelope<?>, Uni<Void>> handler) {
        String consumer = consumerOf(work.get(0).record().getChannel());
        Context context = Vertx.currentContext();
        List<EventTracing.ConsumerSpan> spans = new ArrayList<>();
        return watchdog.guard(work.get(0).record(), watched -> {
            watched.started();
            return Uni.createFrom().deferred(() -> applyAllOnce(work, consumer, stale, handler, spans))
                    .runSubscriptionOn(VertxContexts.executor(context))
                    .onTermination().invoke(watched::ended)
                    .map(outcomes -> {
                        for (int i = 0; i < work.size(); i++) {
                            Decoded decoded = work.get(i);
                            InboxOutcome outcome = outcomes.get(i);
                            metrics.consumed(decoded.event().type().type(), outcome,
                                    Duration.ofNanos(System.nanoTime() - decoded.received()));
                            if (outcome == InboxOutcome.DUPLICATE) {
                                Log.infof("skipped redelivered %s %s on %s", decoded.event().type().type(),
                                        decoded.event().id(), consumer);
                            }
                            spans.get(i).end(outcome.label(), null);
                        }
                        return outcomes;
                    })
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(failure -> {
                        // nothing of the batch committed: each record again, alone, with its own retries and dead letter
                        spans.forEach(span -> span.end("batch-rolled-back", failure));
                        Log.infof("applying %d event(s) together on %s failed (%s); applying them one at a time",
                                work.size(), consumer, failure.toString());
                        Uni<Void> oneByOne = Uni.createFrom().voidItem();
                        for (Decoded decoded : work) {
                            oneByOne = oneByOne.call(() -> process(decoded.message(), applies, stale, handler));
                        }
                        return oneByOne;
                    });
        });
    }

    /**
     * One transaction: records every id in the inbox with one statement; the ids it returns are new, the others
     * duplicates. Then each new event in order: its applied position (unless {@code stale} says record) and its handler,
     * under its own consumer span. The outcomes are in the order of {@code work}.
     */
    private Uni<List<InboxOutcome>> applyAllOnce(List<Decoded> work, String consumer, StaleEvents stale,
            Function<EventEnvelope<?>, Uni<Void>> handler, List<EventTracing.ConsumerSpan> spans) {
        spans.clear();
        return units.afterCommit(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            StringBuilder sql = new StringBuilder("""
                    WITH inserted AS (
                        INSERT INTO inbox_event (event_id, consumer_group, event_type, topic, kafka_partition, kafka_offset)
                        VALUES\s""");
            for (int i = 0; i < work.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(:id%1$d, :consumer, :type%1$d, :topic%1$d, :partition%1$d, :offset%1$d)"
                        .formatted(i));
            }
            sql.append("""
                     ON CONFLICT (event_id, consumer_group) DO NOTHING RETURNING event_id)
                    SELECT event_id::text FROM inserted""");
            var insert = session.createNativeQuery(sql.toString(), String.class).setParameter("consumer", consumer);
            for (int i = 0; i < work.size(); i++) {
                Decoded decoded = work.get(i);
                insert.setParameter("id" + i, UUID.fromString(decoded.event().id()))
                        .setParameter("type" + i, decoded.event().type().type())
                        .setParameter("topic" + i, decoded.record().getTopic())
                        .setParameter("partition" + i, decoded.record().getPartition())
                        .setParameter("offset" + i, decoded.record().getOffset());
            }
            return insert.getResultList().flatMap(inserted -> {
                Set<String> fresh = new HashSet<>(inserted);
                List<InboxOutcome> outcomes = new ArrayList<>();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Decoded decoded : work) {
                    EventEnvelope<?> event = decoded.event();
                    // a second copy of an id in the same poll is a duplicate too: remove() answers true once
                    boolean isNew = fresh.remove(UUID.fromString(event.id()).toString());
                    chain = chain.call(() -> {
                        EventTracing.ConsumerSpan span = tracing.startConsumer(event, consumer);
                        spans.add(span);
                        return applyNew(session, isNew, event, consumer, stale, handler).invoke(outcomes::add)
                                .onTermination().invoke(span::leave);
                    });
                }
                return chain.replaceWith(outcomes);
            });
        })));
    }

    private static IncomingKafkaRecordMetadata<?, ?> metadataOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
    }

    /** Transient failures retried with backoff: a bounded number of times, or until applied. */
    private Uni<InboxOutcome> retried(Uni<InboxOutcome> attempt, boolean untilApplied) {
        if (untilApplied) {
            return attempt.onFailure(InboxProcessor::isTransient).retry()
                    .withBackOff(managed.duration(ManagedKeys.RETRY_UNTIL_APPLIED_INITIAL_BACKOFF,
                                    retry.untilApplied().initialBackoff()),
                            managed.duration(ManagedKeys.RETRY_UNTIL_APPLIED_MAX_BACKOFF, retry.untilApplied().maxBackoff()))
                    .withJitter(0.2)
                    .indefinitely();
        }
        return attempt.onFailure(InboxProcessor::isTransient).retry()
                .withBackOff(managed.duration(ManagedKeys.RETRY_INITIAL_BACKOFF, retry.initialBackoff()),
                        managed.duration(ManagedKeys.RETRY_MAX_BACKOFF, retry.maxBackoff())).withJitter(0.2)
                .atMost(Math.max(0, maxAttempts() - 1));
    }

    /** Attempts of a bounded-retries type: the managed configuration's, else {@code lowcode.messaging.retry.max-attempts}. */
    private int maxAttempts() {
        return managed.integer(ManagedKeys.RETRY_MAX_ATTEMPTS, retry.maxAttempts());
    }

    private Uni<InboxOutcome> applyOnce(EventEnvelope<?> event, String consumer, IncomingKafkaRecordMetadata<?, ?> record,
            StaleEvents stale, Function<EventEnvelope<?>, Uni<Void>> handler) {
        // what the handler writes to the outbox is relayed right after the commit
        return units.afterCommit(() -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                        INSERT INTO inbox_event (event_id, consumer_group, event_type, topic, kafka_partition, kafka_offset)
                        VALUES (:id, :consumer, :type, :topic, :partition, :offset)
                        ON CONFLICT (event_id, consumer_group) DO NOTHING""")
                        .setParameter("id", UUID.fromString(event.id()))
                        .setParameter("consumer", consumer)
                        .setParameter("type", event.type().type())
                        .setParameter("topic", record.getTopic())
                        .setParameter("partition", record.getPartition())
                        .setParameter("offset", record.getOffset())
                        .executeUpdate()
                        .flatMap(inserted -> applyNew(session, inserted > 0, event, consumer, stale, handler)))));
    }

    /**
     * After the inbox insert, in its transaction: a duplicate ({@code isNew} false) is skipped; a new event advances its
     * applied position (unless {@code stale} says record) and is applied by the handler, or skipped as stale when a
     * newer change of its object was applied already.
     */
    private Uni<InboxOutcome> applyNew(Mutiny.Session session, boolean isNew, EventEnvelope<?> event, String consumer,
            StaleEvents stale, Function<EventEnvelope<?>, Uni<Void>> handler) {
        if (!isNew) {
            return Uni.createFrom().item(InboxOutcome.DUPLICATE);
        }
        if (stale == StaleEvents.RECORD) {
            return handler.apply(event).replaceWith(InboxOutcome.APPLIED);
        }
        return positions.advance(session, consumer, event).flatMap(newer -> newer.isPresent()
                ? stale(event, consumer, newer.get())
                : handler.apply(event).replaceWith(InboxOutcome.APPLIED));
    }

    private static Uni<InboxOutcome> stale(EventEnvelope<?> event, String consumer, AppliedPositions.Newer newer) {
        Log.warnf("skipped stale %s %s of %s at %s on %s: %s %s of %s was applied after it (correlation %s)",
                event.type().type(), event.id(), event.subject(), event.time(), consumer, newer.eventType(),
                newer.eventId(), newer.eventTime(), event.correlationid());
        return Uni.createFrom().item(InboxOutcome.STALE);
    }

    /**
     * The consumer id recorded in the inbox: the channel name without the {@code $n} suffix SmallRye gives
     * each copy of a channel with {@code concurrency > 1} — a partition may move between copies, and a
     * redelivery must be recognised whichever copy receives it.
     */
    static String consumerOf(String channel) {
        return channel.replaceFirst("\\$\\d+$", "");
    }

    /** Whether the event's {@code source} is one of the modules the catalog lets produce its type. */
    static boolean fromItsProducer(EventEnvelope<?> event) {
        return event.type().producers().stream().anyMatch(producer -> producer.source().equals(event.source()));
    }

    static boolean isTransient(Throwable failure) {
        return !(failure instanceof PermanentEventFailure) && !(failure instanceof InvalidEventException);
    }

    private static Uni<Void> nack(Message<byte[]> message, Throwable reason,
            org.eclipse.microprofile.reactive.messaging.Metadata metadata) {
        return Uni.createFrom().completionStage(message.nack(reason, metadata));
    }
}
