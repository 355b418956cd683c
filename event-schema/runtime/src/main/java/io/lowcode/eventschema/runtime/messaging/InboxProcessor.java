package io.lowcode.eventschema.runtime.messaging;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.runtime.tracing.EventTracing;
import io.lowcode.eventschema.serde.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The consumer side: decodes a record, applies it at most once per consumer (the event id is recorded
 * in {@code inbox_event} in the same transaction as the handler's change), retries transient failures
 * with bounded exponential backoff, and dead-letters what cannot be applied — at once when the record
 * is invalid or the handler says retrying is useless, after the retry budget otherwise. The record is
 * always acknowledged or dead-lettered, so a poison record never holds its partition longer than the
 * retry budget. An event of a type this consumer applies whose {@code source} is not one of the type's producers in
 * the catalog (a forged or misrouted event) is never applied: it is counted and dead-lettered as a permanent failure.
 *
 * <p>Use from an {@code @Incoming} method that takes a {@code Message<byte[]>} and returns this Uni; the
 * channel needs {@code failure-strategy=dead-letter-queue} and its {@code dead-letter-queue.topic}.
 */
@ApplicationScoped
public class InboxProcessor {

    private final EventCodec codec;
    private final EventMetrics metrics;
    private final MessagingConfig.Retry retry;
    private final EventTracing tracing;

    public InboxProcessor(EventCodec codec, EventMetrics metrics, MessagingConfig config, EventTracing tracing) {
        this.codec = codec;
        this.metrics = metrics;
        this.retry = config.retry();
        this.tracing = tracing;
    }

    /**
     * Applies {@code message} with {@code handler} (which runs inside the inbox transaction) if its type is
     * one this consumer {@code applies}; acknowledges the others at once, without a transaction; nacks
     * (dead-letters) what cannot be applied.
     */
    public Uni<Void> process(Message<byte[]> message, Set<EventType> applies,
            Function<EventEnvelope<?>, Uni<Void>> handler) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        String consumer = consumerOf(record.getChannel());
        long received = System.nanoTime();
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
        return Uni.createFrom().deferred(() -> {
            if (attempts.incrementAndGet() > 1) {
                metrics.retried(type);
            }
            return applyOnce(event, consumer, record, handler);
        })
                .runSubscriptionOn(command -> runOn(context, command))
                .onFailure(InboxProcessor::isTransient)
                .invoke(failure -> Log.warnf("attempt %d of %d to apply %s %s on %s failed: %s", attempts.get(),
                        retry.maxAttempts(), type, event.id(), consumer, failure.toString()))
                .onFailure(InboxProcessor::isTransient)
                .retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).withJitter(0.2)
                .atMost(Math.max(0, retry.maxAttempts() - 1))
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
                .onTermination().invoke((ignored, failure, cancelled) -> span.end(outcomeLabel.get(), failure));
    }

    private Uni<InboxOutcome> applyOnce(EventEnvelope<?> event, String consumer, IncomingKafkaRecordMetadata<?, ?> record,
            Function<EventEnvelope<?>, Uni<Void>> handler) {
        return Panache.withTransaction(() -> Panache.getSession()
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
                        .executeUpdate())
                .flatMap(inserted -> inserted == 0
                        ? Uni.createFrom().item(InboxOutcome.DUPLICATE)
                        : handler.apply(event).replaceWith(InboxOutcome.APPLIED)));
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

    private static void runOn(Context context, Runnable command) {
        if (context == null || Vertx.currentContext() == context) {
            command.run();
        } else {
            context.runOnContext(ignored -> command.run());
        }
    }
}
