package io.lowcode.eventschema;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The topics of the platform with the seed's numbers (requirements §2.1.2), each followed by its
 * dead-letter topic.
 */
public final class TopicCatalog {

    /** How long dead letters are kept: long enough for ops to inspect and replay them after a holiday. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
    public static final int DEAD_LETTER_PARTITIONS = 3;

    private static final List<TopicSpec> BUSINESS = List.of(
            business(Topics.FUNCTION_UNIT_EVENTS, 6, Duration.ofDays(7)),
            business(Topics.USER_PERMISSION_EVENTS, 3, Duration.ofDays(30)),
            business(Topics.WORKFLOW_EXECUTION_EVENTS, 12, Duration.ofDays(3)),
            business(Topics.SYSTEM_NOTIFICATION_EVENTS, 3, Duration.ofDays(1)),
            // one partition: configuration versions are applied in the order they were made
            business(Topics.PLATFORM_OPERATIONS_EVENTS, 1, Duration.ofDays(30)));

    private static final List<TopicSpec> ALL = BUSINESS.stream()
            .flatMap(t -> Stream.of(t, deadLetter(t)))
            .toList();

    private TopicCatalog() {
    }

    /** Business topics and their dead-letter topics, in a stable order. */
    public static List<TopicSpec> all() {
        return ALL;
    }

    /** The business topics (those events go to). */
    public static List<TopicSpec> business() {
        return BUSINESS;
    }

    public static TopicSpec byName(String name) {
        return ALL.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no topic '" + name + "' in the catalog"));
    }

    private static TopicSpec business(String name, int partitions, Duration retention) {
        return new TopicSpec(name, partitions, retention, TopicSpec.CLEANUP_DELETE, false);
    }

    private static TopicSpec deadLetter(TopicSpec source) {
        return new TopicSpec(Topics.deadLetterOf(source.name()), DEAD_LETTER_PARTITIONS, DEAD_LETTER_RETENTION,
                TopicSpec.CLEANUP_DELETE, true);
    }
}
