package io.lowcode.admincenter.api;

/**
 * Which dead letters a replay or discard applies to, by the list's filters; every field may be {@code null}. A
 * filter without {@code state} selects the NEW ones.
 *
 * @param topic     a dead-letter topic, e.g. {@code function-unit-events.dlq}
 * @param eventType an event type, e.g. {@code function-unit.published}
 * @param kind      invalid-event, permanent-failure, retries-exhausted or undeliverable
 * @param consumer  the consuming channel, e.g. {@code available-functions}
 * @param state     NEW, REPLAYED or DISCARDED
 * @param from      dead-lettered at or after, ISO-8601
 * @param to        dead-lettered before, ISO-8601
 */
public record DeadLetterFilter(String topic, String eventType, String kind, String consumer, String state, String from,
                               String to) {
}
