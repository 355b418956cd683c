package io.lowcode.eventschema.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.record.DefaultRecordBatch;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.serde.EventJson;

/** The codec's limit leaves room for what a record adds to an event, and what Kafka refuses for good is parked. */
class RelayLimitsTest {

    /** Longest subject (the record key) in UTF-8: 255 characters of up to 4 bytes. */
    private static final int MAX_KEY_BYTES = 255 * 4;
    /** The content-type header (name and value) plus varints. */
    private static final int HEADERS = 64;
    /** The record's own framing (length, attributes, deltas, varints). */
    private static final int RECORD_OVERHEAD = 32;

    @Test
    void everyEventTheCodecWritesFitsWhatTheRelayProducerMaySend() throws IOException {
        Properties shared = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shared.load(in);
        }
        int maxRequest = Integer.parseInt(shared.getProperty("lowcode.messaging.relay.producer.\"max.request.size\""));
        int worstRecord = EventJson.MAX_EVENT_BYTES + MAX_KEY_BYTES + HEADERS + RECORD_OVERHEAD
                + DefaultRecordBatch.RECORD_BATCH_OVERHEAD;
        assertThat(worstRecord).as("largest event + key + headers + batch overhead").isLessThan(maxRequest);
        // the broker's default message.max.bytes (1 MiB + 12) is above max.request.size
        assertThat(maxRequest).isLessThanOrEqualTo(1024 * 1024 + 12);
    }

    @Test
    void onlyFailuresKafkaWillNeverAcceptAreParked() {
        assertThat(OutboxRelay.refusedForGood(new RecordTooLargeException("too large"))).isTrue();
        assertThat(OutboxRelay.refusedForGood(new RecordBatchTooLargeException("batch"))).isTrue();
        assertThat(OutboxRelay.refusedForGood(new org.apache.kafka.common.InvalidRecordException("invalid"))).isTrue();
        assertThat(OutboxRelay.refusedForGood(new IllegalStateException("wrapped",
                new RecordTooLargeException("too large")))).isTrue();
        assertThat(OutboxRelay.refusedForGood(new TimeoutException("broker away"))).isFalse();
        assertThat(OutboxRelay.refusedForGood(new IllegalStateException("anything else"))).isFalse();
    }
}
