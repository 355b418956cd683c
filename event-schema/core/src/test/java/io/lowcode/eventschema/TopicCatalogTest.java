package io.lowcode.eventschema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicCatalogTest {

    @Test
    void businessTopicsHaveTheSeedsPartitionsAndRetention() {
        assertThat(TopicCatalog.business())
                .extracting(TopicSpec::name, TopicSpec::partitions, TopicSpec::retention, TopicSpec::cleanupPolicy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Topics.FUNCTION_UNIT_EVENTS, 6, Duration.ofDays(7), "delete"),
                        org.assertj.core.groups.Tuple.tuple(Topics.USER_PERMISSION_EVENTS, 3, Duration.ofDays(30), "delete"),
                        org.assertj.core.groups.Tuple.tuple(Topics.WORKFLOW_EXECUTION_EVENTS, 12, Duration.ofDays(3), "delete"),
                        org.assertj.core.groups.Tuple.tuple(Topics.SYSTEM_NOTIFICATION_EVENTS, 3, Duration.ofDays(1), "delete"),
                        org.assertj.core.groups.Tuple.tuple(Topics.PLATFORM_OPERATIONS_EVENTS, 1, Duration.ofDays(30), "delete"));
    }

    @Test
    void everyBusinessTopicHasADeadLetterTopic() {
        for (TopicSpec topic : TopicCatalog.business()) {
            TopicSpec deadLetter = TopicCatalog.byName(topic.name() + ".dlq");
            assertThat(deadLetter.deadLetter()).isTrue();
            assertThat(deadLetter.cleanupPolicy()).isEqualTo(TopicSpec.CLEANUP_DELETE);
        }
        assertThat(TopicCatalog.all()).hasSize(2 * TopicCatalog.business().size());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeGoesToABusinessTopicOfTheCatalog(EventType type) {
        assertThat(TopicCatalog.business()).extracting(TopicSpec::name).contains(type.topic());
    }

    @Test
    void everyBusinessTopicCarriesSomeEventType() {
        for (TopicSpec topic : TopicCatalog.business()) {
            assertThat(EventType.values()).anyMatch(type -> type.topic().equals(topic.name()));
        }
    }

    @Test
    void topicConfigsCarryRetentionInMillisAndTheClustersDurability() {
        assertThat(TopicCatalog.byName(Topics.USER_PERMISSION_EVENTS).configs(2))
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(30).toMillis()))
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("min.insync.replicas", "2");
    }

    @Test
    void unknownTopicNameIsNotInTheCatalog() {
        assertThatThrownBy(() -> TopicCatalog.byName("audit-events")).isInstanceOf(NoSuchElementException.class);
    }
}
