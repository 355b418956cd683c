package io.lowcode.admincenter.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.lowcode.admincenter.notification.persistence.ClaimedDelivery;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import io.vertx.core.json.JsonObject;

/**
 * Dead letters of deliveries that failed for good, on {@code system-notification-events.dlq} next to the consumer's own
 * dead letters: key = the notification id, value = a JSON description of the delivery (notification, event, channel,
 * recipient, template, severity, title, attempts, reason), headers in the style of {@link DeadLetters}:
 * {@code dead-letter-reason}, {@code dead-letter-kind=undeliverable}, {@code dead-letter-attempts},
 * {@code dead-letter-consumer=notifier}, {@code dead-letter-channel}, {@code dead-letter-recipient}. Sent through the
 * SmallRye Kafka channel {@value #CHANNEL} (configured in {@code application.properties}: idempotent,
 * {@code acks=all}); the returned Uni completes on Kafka's acknowledgement.
 */
@ApplicationScoped
public class UndeliverableNotifications {

    public static final String CHANNEL = "notifier-dead-letters";
    public static final String KIND_UNDELIVERABLE = "undeliverable";
    public static final String CHANNEL_HEADER = "dead-letter-channel";
    public static final String RECIPIENT_HEADER = "dead-letter-recipient";

    private final MutinyEmitter<byte[]> emitter;

    public UndeliverableNotifications(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> deadLetter(ClaimedDelivery delivery, String reason) {
        byte[] value = new JsonObject()
                .put("deliveryId", delivery.id().toString())
                .put("notificationId", delivery.notificationId())
                .put("eventId", delivery.eventId().toString())
                .put("correlationId", delivery.correlationId())
                .put("channel", delivery.channel().name())
                .put("recipient", delivery.recipient())
                .put("template", delivery.template())
                .put("severity", delivery.severity())
                .put("title", delivery.title())
                .put("attempts", delivery.attempt())
                .put("reason", reason)
                .put("requestedAt", delivery.requestedAt().toString())
                .encode().getBytes(StandardCharsets.UTF_8);
        List<RecordHeader> headers = List.of(
                header(KafkaDeadLetterQueue.DEAD_LETTER_REASON, reason),
                header(DeadLetters.KIND, KIND_UNDELIVERABLE),
                header(DeadLetters.ATTEMPTS, Integer.toString(delivery.attempt())),
                header(DeadLetters.CONSUMER, NotifierConsumer.CHANNEL),
                header(CHANNEL_HEADER, delivery.channel().name()),
                header(RECIPIENT_HEADER, delivery.recipient()),
                header("content-type", "application/json"));
        return emitter.sendMessage(Message.of(value, Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(delivery.notificationId()).withHeaders(List.copyOf(headers)).build())));
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
