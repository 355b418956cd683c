package io.lowcode.admincenter.ops.deadletter.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.admincenter.notification.messaging.UndeliverableNotifications;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;

/**
 * What the index keeps of one dead-letter record, read leniently: the record is dead-lettered because something
 * about it is wrong, so every field that cannot be read stays {@code null} instead of failing — the headers
 * (SmallRye's and {@link DeadLetters}'), and from the value, if it is a JSON object, the CloudEvents {@code id},
 * {@code type} and {@code time} (or the {@code eventId} of an undeliverable notification). Text is capped and freed
 * of NUL characters, which PostgreSQL text cannot hold.
 */
public record DeadLetterRecord(String dlqTopic, int dlqPartition, long dlqOffset, Instant deadLetteredAt,
                               String originalTopic, Integer originalPartition, Long originalOffset, String key,
                               String eventId, String eventType, Instant eventTime, String kind, String reason,
                               String cause, String exception, String consumer, String field, Integer attempts,
                               Map<String, String> headers, byte[] payload) {

    /** Longest text kept of one header or field; a reason longer than this is cut (the record keeps all of it). */
    static final int MAX_TEXT = 4_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one record of a dead-letter topic; never throws for what the record holds. */
    public static DeadLetterRecord read(String dlqTopic, int partition, long offset, Instant timestamp, String key,
            byte[] value, Map<String, byte[]> rawHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        rawHeaders.forEach((name, bytes) -> headers.put(text(name), bytes == null ? "" : text(
                new String(bytes, StandardCharsets.UTF_8))));
        byte[] payload = value == null ? new byte[0] : value;
        JsonNode json = json(payload);
        String kind = headers.get(DeadLetters.KIND);
        String eventId = UndeliverableNotifications.KIND_UNDELIVERABLE.equals(kind) ? string(json, "eventId")
                : string(json, "id");
        return new DeadLetterRecord(dlqTopic, partition, offset, timestamp, headers.get(DeadLetters.TOPIC),
                integer(headers.get(DeadLetters.PARTITION)), number(headers.get(DeadLetters.OFFSET)), key == null ? null
                : text(key), eventId, string(json, "type"), instant(string(json, "time")), kind,
                headers.get(DeadLetters.REASON), headers.get(DeadLetters.CAUSE), headers.get(DeadLetters.EXCEPTION),
                headers.get(DeadLetters.CONSUMER), headers.get(DeadLetters.FIELD),
                integer(headers.get(DeadLetters.ATTEMPTS)), headers, payload);
    }

    private static JsonNode json(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static String string(JsonNode json, String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value != null && value.isTextual() ? text(value.asText()) : null;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String text(String raw) {
        String clean = raw.replace("\u0000", "");
        return clean.length() > MAX_TEXT ? clean.substring(0, MAX_TEXT) : clean;
    }
}
