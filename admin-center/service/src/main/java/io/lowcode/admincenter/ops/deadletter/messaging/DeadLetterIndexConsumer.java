package io.lowcode.admincenter.ops.deadletter.messaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lowcode.admincenter.ops.deadletter.persistence.DeadLetterIndex;
import io.lowcode.eventschema.runtime.messaging.MessagingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Indexes every record of every dead-letter topic (channel {@value #CHANNEL}, group
 * {@code admin-center.dead-letter-index}, the topics of the catalog in {@code application.properties}), so dead
 * letters can be listed, inspected, replayed and discarded. Nothing about a record can make indexing fail — it is
 * read leniently — so a failure is the database's: retried with capped backoff until indexed (the partition waits, the
 * lag shows it). Counted in {@code lowcode_dead_letters_indexed_total{topic,kind}}.
 */
@ApplicationScoped
public class DeadLetterIndexConsumer {

    /** Channel name; the consumer group is {@code admin-center.dead-letter-index}. */
    public static final String CHANNEL = "dead-letter-index";

    private final DeadLetterIndex index;
    private final MeterRegistry registry;
    private final MessagingConfig.UntilApplied retry;

    public DeadLetterIndexConsumer(DeadLetterIndex index, MeterRegistry registry, MessagingConfig config) {
        this.index = index;
        this.registry = registry;
        this.retry = config.retry().untilApplied();
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> meta = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        DeadLetterRecord record = DeadLetterRecord.read(meta.getTopic(), meta.getPartition(), meta.getOffset(),
                meta.getTimestamp() == null ? Instant.now() : meta.getTimestamp(),
                meta.getKey() == null ? null : meta.getKey().toString(), message.getPayload(), headers(meta));
        return Uni.createFrom().deferred(() -> index.add(record))
                .onFailure().invoke(failure -> Log.warnf("cannot index dead letter %s-%d@%d yet, retrying: %s",
                        record.dlqTopic(), record.dlqPartition(), record.dlqOffset(), failure.toString()))
                .onFailure().retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).withJitter(0.2).indefinitely()
                .invoke(added -> {
                    if (added) {
                        registry.counter("lowcode.dead.letters.indexed", "topic", record.dlqTopic(), "kind",
                                String.valueOf(record.kind())).increment();
                        Log.infof("indexed dead letter %s-%d@%d: %s %s from %s on %s (%s: %s)", record.dlqTopic(),
                                record.dlqPartition(), record.dlqOffset(), record.eventType(), record.eventId(),
                                record.originalTopic(), record.consumer(), record.kind(), record.reason());
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private static Map<String, byte[]> headers(IncomingKafkaRecordMetadata<?, ?> meta) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : meta.getHeaders()) {
            headers.put(header.key(), header.value()); // the last of a repeated header wins
        }
        return headers;
    }
}
