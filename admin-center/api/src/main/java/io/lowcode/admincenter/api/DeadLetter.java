package io.lowcode.admincenter.api;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One dead letter, as the admin center's index holds it. What could be read from the record is filled in; a record
 * that is not a valid event (the reason it is here) may leave the event fields empty. Lists leave out
 * {@code headers}, {@code payload} and {@code payloadBase64}; the detail has them.
 *
 * @param topic             the dead-letter topic
 * @param partition         its partition
 * @param offset            its offset there
 * @param deadLetteredAt    when it was dead-lettered (the record's timestamp)
 * @param originalTopic     the topic it was consumed from ({@code null} for an undeliverable notification)
 * @param originalPartition its partition there
 * @param originalOffset    its offset there
 * @param key               the record key (the event's subject)
 * @param eventId           the event id, if the value has one
 * @param eventType         the event type, if the value has one
 * @param eventTime         the event's time, if the value has one
 * @param kind              invalid-event, permanent-failure, retries-exhausted or undeliverable
 * @param reason            why, as the consumer said it
 * @param cause             the failure's cause, if any
 * @param exception         the failure's class
 * @param consumer          the consuming channel (one per service and purpose), e.g. {@code access}
 * @param field             the offending field of an invalid event
 * @param attempts          how many times the consumer tried
 * @param replayable        whether it can be replayed (it names the business topic it came from)
 * @param state             NEW, REPLAYED or DISCARDED
 * @param stateChangedBy    who replayed or discarded it last
 * @param stateChangedAt    when
 * @param replayCount       how many times it was replayed
 * @param headers           every header of the record, as text (detail only)
 * @param payload           the record's value as text, when it is UTF-8 (detail only)
 * @param payloadBase64     the record's value in base64, when it is not UTF-8 (detail only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String topic, int partition, long offset, Instant deadLetteredAt, String originalTopic,
                         Integer originalPartition, Long originalOffset, String key, String eventId, String eventType,
                         Instant eventTime, String kind, String reason, String cause, String exception, String consumer,
                         String field, Integer attempts, boolean replayable, String state, String stateChangedBy,
                         Instant stateChangedAt, int replayCount, Map<String, String> headers, String payload,
                         String payloadBase64) {
}
