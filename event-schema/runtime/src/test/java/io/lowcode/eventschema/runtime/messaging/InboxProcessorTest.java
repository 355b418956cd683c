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
    void anEventIsAcceptedOnlyFromAProducerOfItsType() {
        var deployed = io.lowcode.eventschema.envelope.EventEnvelope.of(io.lowcode.eventschema.EventType.FUNCTION_UNIT_DEPLOYED,
                "u-1", new io.lowcode.eventschema.payload.FunctionUnitDeployed("u-1", "n", "1.0.0", "production", "a",
                        "d", null));
        assertThat(InboxProcessor.fromItsProducer(deployed)).as("default source: the admin center").isTrue();
        assertThat(InboxProcessor.fromItsProducer(deployed.withSource(io.lowcode.eventschema.SourceModule.WORKSTATION)))
                .isFalse();
        assertThat(InboxProcessor.fromItsProducer(deployed.withSource(io.lowcode.eventschema.SourceModule.PORTAL)))
                .isFalse();
    }

    @Test
    void onlyFailuresThatRetryingCanCureAreRetried() {
        assertThat(InboxProcessor.isTransient(new IllegalStateException("database unavailable"))).isTrue();
        assertThat(InboxProcessor.isTransient(new PermanentEventFailure("unknown unit"))).isFalse();
        assertThat(InboxProcessor.isTransient(new InvalidEventException("type",
                InvalidEventException.Reason.UNKNOWN_TYPE, "no such type"))).isFalse();
    }
}
