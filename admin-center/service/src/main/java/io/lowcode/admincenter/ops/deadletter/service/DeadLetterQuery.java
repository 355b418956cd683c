package io.lowcode.admincenter.ops.deadletter.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.lowcode.admincenter.api.DeadLetterFilter;
import io.lowcode.admincenter.notification.messaging.UndeliverableNotifications;
import io.lowcode.admincenter.ops.deadletter.persistence.DeadLetterEntity;
import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.QueryParams;

/**
 * Which dead letters: the list's filters, each {@code null} when not given, checked once here for the list and for
 * a replay or discard by filter (a bad value is a 400 naming the parameter).
 *
 * @param topic     a dead-letter topic of the catalog
 * @param eventType exact event type
 * @param kind      one of {@link #KINDS}
 * @param consumer  exact consuming channel
 * @param state     NEW, REPLAYED or DISCARDED
 * @param from      dead-lettered at or after
 * @param to        dead-lettered before
 */
public record DeadLetterQuery(String topic, String eventType, String kind, String consumer, String state, Instant from,
                              Instant to) {

    /** The kinds of dead letters there are: the consumers' three and the notifier's undeliverable deliveries. */
    public static final Set<String> KINDS = Set.of(DeadLetters.KIND_INVALID, DeadLetters.KIND_PERMANENT,
            DeadLetters.KIND_RETRIES_EXHAUSTED, UndeliverableNotifications.KIND_UNDELIVERABLE);
    public static final Set<String> STATES = Set.of(DeadLetterEntity.NEW, DeadLetterEntity.REPLAYED,
            DeadLetterEntity.DISCARDED);
    /** The dead-letter topics of the catalog: the only topics the index reads. */
    public static final List<String> TOPICS = TopicCatalog.all().stream().filter(TopicSpec::deadLetter)
            .map(TopicSpec::name).toList();
    private static final int MAX_TEXT = 128;

    /** From raw query parameters; {@code prefix} names their place in a request body ({@code filter.}) or is empty. */
    public static DeadLetterQuery of(String prefix, String topic, String eventType, String kind, String consumer,
            String state, String from, String to) {
        DeadLetterQuery query = new DeadLetterQuery(oneOf(prefix + "topic", topic, TOPICS),
                QueryParams.text(prefix + "type", eventType, MAX_TEXT), oneOf(prefix + "kind", kind, KINDS),
                QueryParams.text(prefix + "consumer", consumer, MAX_TEXT), oneOf(prefix + "state", state, STATES),
                QueryParams.instant(prefix + "from", from), QueryParams.instant(prefix + "to", to));
        if (query.from != null && query.to != null && !query.from.isBefore(query.to)) {
            throw ProblemException.badRequest(prefix + "to", "must be after from");
        }
        return query;
    }

    /** A filter of a replay or discard request; without a state it selects the NEW dead letters. */
    public static DeadLetterQuery of(DeadLetterFilter filter) {
        DeadLetterQuery query = of("filter.", filter.topic(), filter.eventType(), filter.kind(), filter.consumer(),
                filter.state(), filter.from(), filter.to());
        return query.state != null ? query : new DeadLetterQuery(query.topic, query.eventType, query.kind,
                query.consumer, DeadLetterEntity.NEW, query.from, query.to);
    }

    private static String oneOf(String parameter, String raw, java.util.Collection<String> allowed) {
        String value = QueryParams.text(parameter, raw, MAX_TEXT);
        if (value != null && !allowed.contains(value)) {
            throw ProblemException.badRequest(parameter, "must be one of " + allowed.stream().sorted().toList());
        }
        return value;
    }
}
