package io.lowcode.eventschema.runtime.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Headers of a dead-lettered record, and of a record replayed from a dead-letter topic. SmallRye's dead-letter
 * strategy copies the original record's headers and adds {@link #REASON}, {@link #EXCEPTION}, {@link #CAUSE},
 * {@link #TOPIC}, {@link #PARTITION} and {@link #OFFSET}; {@link #KIND}, {@link #ATTEMPTS}, {@link #CONSUMER} and
 * {@link #FIELD} add what it does not know. A replay carries {@link #REPLAY_OF}, {@link #REPLAYED_BY} and
 * {@link #REPLAYED_AT}.
 */
public final class DeadLetters {

    /** SmallRye: the failure's message. */
    public static final String REASON = "dead-letter-reason";
    /** SmallRye: the failure's class. */
    public static final String EXCEPTION = "dead-letter-exception-class-name";
    /** SmallRye: the message of the failure's cause, if any. */
    public static final String CAUSE = "dead-letter-cause";
    /** SmallRye: the topic the record was consumed from. */
    public static final String TOPIC = "dead-letter-topic";
    /** SmallRye: its partition there. */
    public static final String PARTITION = "dead-letter-partition";
    /** SmallRye: its offset there. */
    public static final String OFFSET = "dead-letter-offset";

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

    /** On a replayed record: the dead letter it replays, {@code <dead-letter topic>/<partition>/<offset>}. */
    public static final String REPLAY_OF = "lowcode-replay-of";
    /** On a replayed record: the user who replayed it. */
    public static final String REPLAYED_BY = "lowcode-replayed-by";
    /** On a replayed record: when, ISO-8601. */
    public static final String REPLAYED_AT = "lowcode-replayed-at";

    /** Whether a header is one of the dead-letter or replay headers above (not one of the original record's). */
    public static boolean isDeadLetterOrReplayHeader(String name) {
        return name.startsWith("dead-letter-") || name.startsWith("lowcode-replay");
    }

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
