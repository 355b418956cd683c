package io.lowcode.eventschema.runtime.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lowcode.eventschema.envelope.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * The outbox relay's Kafka producer: the service's {@code kafka.*} connection settings (bootstrap, TLS,
 * SASL) plus {@code lowcode.messaging.relay.producer.*} (idempotent, {@code acks=all}, bounded delivery
 * timeout — see the shared configuration). One producer per service, so concurrent relay passes share
 * its batches. Its Kafka client metrics are bound to Micrometer ({@code kafka_producer_*{client_id="outbox-relay"}}
 * at {@code /q/metrics}: records sent and failed, request latency, batch sizes, buffer use), because it is made by
 * hand and not by the SmallRye connector, whose clients Quarkus binds itself. Kafka's {@code send} is called on one
 * dedicated thread: it can block for metadata while Kafka is down, which must never happen on an event loop, and
 * one thread keeps the claim order.
 */
@ApplicationScoped
public class RelayProducer {

    private static final String CONTENT_TYPE_HEADER = "content-type";
    private static final byte[] CONTENT_TYPE = EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay-sender");
        thread.setDaemon(true);
        return thread;
    });

    private final KafkaClientMetrics clientMetrics;

    public RelayProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka, MessagingConfig config,
            MeterRegistry registry) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.putAll(config.relay().producer());
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        this.clientMetrics = new KafkaClientMetrics(producer);
        clientMetrics.bindTo(registry);
    }

    /**
     * Sends {@code value} with {@code headers} (a replay of a dead letter: the original bytes and headers, and what
     * it replays); {@code content-type} is added unless the headers have one. Completes on Kafka's acknowledgement.
     */
    public Uni<Void> send(String topic, String key, byte[] value, List<Header> headers) {
        return Uni.createFrom().<Void>completionStage(() -> {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach(record.headers()::add);
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            sendNow(record, acknowledged);
            return acknowledged;
        }).runSubscriptionOn(sender);
    }

    /** One record of {@link #sendAll}. */
    public record Outgoing(String topic, String key, byte[] value) {
    }

    /**
     * Sends {@code records} now, in their order, in one task on the sender thread (a relay pass: one hop for hundreds
     * of records instead of one each). Each future completes when Kafka acknowledged its record, on the producer's
     * I/O thread, or fails with Kafka's answer.
     */
    public List<CompletableFuture<Void>> sendAll(List<Outgoing> records) {
        List<CompletableFuture<Void>> acknowledged = records.stream().map(r -> new CompletableFuture<Void>()).toList();
        try {
            sender.execute(() -> {
                for (int i = 0; i < records.size(); i++) {
                    Outgoing outgoing = records.get(i);
                    sendNow(new ProducerRecord<>(outgoing.topic(), outgoing.key(), outgoing.value()), acknowledged.get(i));
                }
            });
        } catch (RejectedExecutionException stopped) {
            acknowledged.forEach(ack -> ack.completeExceptionally(stopped));
        }
        return acknowledged;
    }

    /**
     * Hands {@code record} to Kafka (on the sender thread), with {@code content-type} unless it has one; completes
     * {@code acknowledged} with Kafka's answer.
     */
    private void sendNow(ProducerRecord<String, byte[]> record, CompletableFuture<Void> acknowledged) {
        if (record.headers().lastHeader(CONTENT_TYPE_HEADER) == null) {
            record.headers().add(CONTENT_TYPE_HEADER, CONTENT_TYPE);
        }
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException failure) {
            acknowledged.completeExceptionally(failure);
        }
    }

    @PreDestroy
    void close() {
        clientMetrics.close();
        producer.close(Duration.ofSeconds(5));
        sender.shutdownNow();
    }
}
