package io.lowcode.admincenter.ops.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.ops.deadletter.messaging.DeadLetterRecord;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;

class DeadLetterRecordTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void anEventWithEveryHeaderIsReadWhole() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(DeadLetters.TOPIC, bytes("user-permission-events"));
        headers.put(DeadLetters.PARTITION, bytes("2"));
        headers.put(DeadLetters.OFFSET, bytes("41"));
        headers.put(DeadLetters.KIND, bytes(DeadLetters.KIND_RETRIES_EXHAUSTED));
        headers.put(DeadLetters.ATTEMPTS, bytes("4"));
        headers.put(DeadLetters.CONSUMER, bytes("access"));
        headers.put(DeadLetters.REASON, bytes("Connection refused"));
        byte[] value = bytes("{\"id\":\"0b8c4ef4-7d51-4f0e-9a57-7a0c1f3d2e11\",\"type\":\"permission.revoked\","
                + "\"time\":\"2025-03-01T09:59:59.123456Z\",\"subject\":\"u-1\"}");

        DeadLetterRecord record = DeadLetterRecord.read("user-permission-events.dlq", 1, 7, AT, "u-1", value, headers);

        assertThat(record.originalTopic()).isEqualTo("user-permission-events");
        assertThat(record.originalPartition()).isEqualTo(2);
        assertThat(record.originalOffset()).isEqualTo(41L);
        assertThat(record.kind()).isEqualTo(DeadLetters.KIND_RETRIES_EXHAUSTED);
        assertThat(record.attempts()).isEqualTo(4);
        assertThat(record.consumer()).isEqualTo("access");
        assertThat(record.eventId()).isEqualTo("0b8c4ef4-7d51-4f0e-9a57-7a0c1f3d2e11");
        assertThat(record.eventType()).isEqualTo("permission.revoked");
        assertThat(record.eventTime()).isEqualTo(Instant.parse("2025-03-01T09:59:59.123456Z"));
        assertThat(record.payload()).isEqualTo(value);
    }

    @Test
    void whateverTheRecordHoldsNothingFailsAndWhatCannotBeReadStaysEmpty() {
        Map<String, byte[]> junk = new LinkedHashMap<>();
        junk.put(DeadLetters.PARTITION, bytes("two"));
        junk.put(DeadLetters.OFFSET, bytes("-"));
        junk.put(DeadLetters.REASON, bytes("nul\u0000inside " + "x".repeat(10_000)));
        junk.put("empty", null);
        for (byte[] value : new byte[][] {null, new byte[0], bytes("[1,2]"), bytes("{\"id\":42,\"time\":\"soon\"}"),
                {(byte) 0xff, 0, (byte) 0xfe}}) {
            DeadLetterRecord record = DeadLetterRecord.read("x.dlq", 0, 0, AT, null, value, junk);

            assertThat(record.originalPartition()).isNull();
            assertThat(record.originalOffset()).isNull();
            assertThat(record.eventId()).isNull();
            assertThat(record.eventTime()).isNull();
            assertThat(record.reason()).doesNotContain("\u0000").hasSizeLessThanOrEqualTo(4_000);
            assertThat(record.headers()).containsEntry("empty", "");
            assertThat(record.payload()).isNotNull();
        }
    }

    @Test
    void anUndeliverableNotificationNamesTheEventItCameFrom() {
        DeadLetterRecord record = DeadLetterRecord.read("system-notification-events.dlq", 0, 3, AT, "n-1",
                bytes("{\"notificationId\":\"n-1\",\"eventId\":\"e-9\",\"channel\":\"SMS\"}"),
                Map.of(DeadLetters.KIND, bytes("undeliverable")));

        assertThat(record.eventId()).isEqualTo("e-9");
        assertThat(record.originalTopic()).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
