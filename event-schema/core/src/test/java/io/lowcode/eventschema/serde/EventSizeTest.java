package io.lowcode.eventschema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.ExecutionStarted;

/**
 * Nothing is written that a producer could not send: an event is at most {@link EventJson#MAX_EVENT_BYTES} when
 * written (below Kafka's default 1 MiB by more than key, headers and batch overhead), while up to
 * {@link EventJson#MAX_DOCUMENT_BYTES} is still read (what earlier producers may have put on the topics).
 */
class EventSizeTest {

    private static final EventCodec CODEC = EventCodec.shared();

    private static EventEnvelope<ExecutionStarted> startedWith(int inputChars) {
        String id = UUID.randomUUID().toString();
        return EventEnvelope.of(EventType.WORKFLOW_EXECUTION_STARTED, id, new ExecutionStarted(id,
                UUID.randomUUID().toString(), "1.0.0", "u-1",
                JsonNodeFactory.instance.objectNode().put("s", "x".repeat(inputChars))));
    }

    /** The input size at which the written event is exactly {@code bytes} long. */
    private static int inputFor(int bytes) {
        int overhead = CODEC.serialize(startedWith(0)).length;
        return bytes - overhead;
    }

    @Test
    void anEventAtTheWriteLimitIsWrittenAndOneByteMoreIsTooLarge() {
        byte[] atLimit = CODEC.serialize(startedWith(inputFor(EventJson.MAX_EVENT_BYTES)));
        assertThat(atLimit).hasSize(EventJson.MAX_EVENT_BYTES);
        assertThatThrownBy(() -> CODEC.serialize(startedWith(inputFor(EventJson.MAX_EVENT_BYTES) + 1)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.TOO_LARGE);
                    assertThat(e).hasMessageContaining(EventType.WORKFLOW_EXECUTION_STARTED.type());
                });
    }

    @Test
    void anEventBetweenTheWriteAndTheReadLimitWrittenEarlierIsStillRead() {
        byte[] written = CODEC.serialize(startedWith(inputFor(EventJson.MAX_EVENT_BYTES)));
        String text = new String(written, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"s\":\"x", "\"s\":\"" + "y".repeat(20_000) + "x");
        assertThat(text.length()).isGreaterThan(EventJson.MAX_EVENT_BYTES).isLessThan(EventJson.MAX_DOCUMENT_BYTES);
        assertThat(CODEC.deserialize(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).type())
                .isEqualTo(EventType.WORKFLOW_EXECUTION_STARTED);
    }
}
