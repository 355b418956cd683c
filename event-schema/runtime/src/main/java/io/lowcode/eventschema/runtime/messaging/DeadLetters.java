package io.lowcode.eventschema.runtime.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Headers of a dead-lettered record. SmallRye's dead-letter strategy adds {@code dead-letter-reason},
 * {@code dead-letter-exception-class-name}, {@code dead-letter-cause}, {@code dead-letter-topic},
 * {@code dead-letter-partition} and {@code dead-letter-offset}; these add what it does not know.
 */
public final class DeadLetters {

    /** Why: {@link #KIND_INVALID}, {@link #KIND_PERMANENT} or {@link #KIND_RETRIES_EXHAUSTED}. */
    public static final String KIND = "dead-letter-kind";
    /** How many times the consumer tried to apply it. */
    public static final String ATTEMPTS = "dead-letter-attempts";
    /** The consuming channel (one per service and purpose). */
    public static final String CONSUMER = "dead-letter-consumer";
    /** The field of the event that made it invalid, for {@link #KIND_INVALID}. */
    public static final String FIELD = "dead-letter-field";

    public static final String KIND_INVALID = "invalid-event";
    public static final String KIND_PERMANENT = "permanent-failure";
    public static final String KIND_RETRIES_EXHAUSTED = "retries-exhausted";

    private DeadLetters() {
    }

    static Metadata metadata(String kind, int attempts, String consumer, String field) {
        List<RecordHeader> headers = new java.util.ArrayList<>(List.of(
                header(KIND, kind), header(ATTEMPTS, Integer.toString(attempts)), header(CONSUMER, consumer)));
        if (field != null) {
            headers.add(header(FIELD, field));
        }
        return Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withHeaders(headers).build());
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
