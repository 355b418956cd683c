package io.lowcode.eventschema.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.InvalidEventException;

class InboxProcessorTest {

    @Test
    void everyCopyOfAConcurrentChannelRecordsUnderTheChannelsName() {
        assertThat(InboxProcessor.consumerOf("function-unit-inventory$2")).isEqualTo("function-unit-inventory");
        assertThat(InboxProcessor.consumerOf("function-unit-inventory")).isEqualTo("function-unit-inventory");
        assertThat(InboxProcessor.consumerOf("a$b$10")).isEqualTo("a$b");
    }

    @Test
    void onlyFailuresThatRetryingCanCureAreRetried() {
        assertThat(InboxProcessor.isTransient(new IllegalStateException("database unavailable"))).isTrue();
        assertThat(InboxProcessor.isTransient(new PermanentEventFailure("unknown unit"))).isFalse();
        assertThat(InboxProcessor.isTransient(new InvalidEventException("type",
                InvalidEventException.Reason.UNKNOWN_TYPE, "no such type"))).isFalse();
    }
}
