package io.lowcode.eventschema.serde;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.InvalidEventException.Reason;
import io.lowcode.eventschema.Samples;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.envelope.EventEnvelope;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventSerdeTest {

    private final CloudEventSerializer serializer = new CloudEventSerializer();
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

    @Test
    void serializerMarksTheRecordAsAStructuredCloudEvent() {
        Headers headers = new RecordHeaders();
        headers.add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));

        serializer.serialize(topic(), headers, Samples.envelope(EventType.ROLE_ASSIGNED));

        assertThat(headers.headers("content-type")).hasSize(1);
        assertThat(new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
    }

    @Test
    void whatTheSerializerWritesTheDeserializerReads() {
        Headers headers = new RecordHeaders();
        EventEnvelope<?> event = Samples.fullEnvelope(EventType.WORKFLOW_EXECUTION_STARTED);

        byte[] value = serializer.serialize(topic(), headers, event);

        assertThat(deserializer.deserialize(topic(), headers, value)).isEqualTo(event);
    }

    @Test
    void recordWithoutContentTypeHeaderIsStillRead() {
        EventEnvelope<?> event = Samples.envelope(EventType.ALERT_RAISED);

        byte[] value = serializer.serialize(topic(), event);

        assertThat(deserializer.deserialize(topic(), new RecordHeaders(), value)).isEqualTo(event);
    }

    @Test
    void contentTypeWithParametersIsAccepted() {
        EventEnvelope<?> event = Samples.envelope(EventType.ALERT_RAISED);
        Headers headers = new RecordHeaders();
        headers.add("content-type", "Application/CloudEvents+JSON; charset=UTF-8".getBytes(StandardCharsets.UTF_8));

        assertThat(deserializer.deserialize(topic(), headers, serializer.serialize(topic(), event))).isEqualTo(event);
    }

    @Test
    void binaryModeContentTypeIsRejectedNamingTheHeader() {
        Headers headers = new RecordHeaders();
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        byte[] value = serializer.serialize(topic(), Samples.envelope(EventType.ALERT_RAISED));

        assertThatThrownBy(() -> deserializer.deserialize(topic(), headers, value))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("content-type");
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON);
                });
    }

    @Test
    void recordWithoutValueIsRejectedNotReturnedAsNull() {
        assertThatThrownBy(() -> deserializer.deserialize(topic(), new RecordHeaders(), (byte[]) null))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON));
    }

    @Test
    void nullEventIsWrittenAsNullValueWithoutHeader() {
        Headers headers = new RecordHeaders();

        assertThat(serializer.serialize(topic(), headers, null)).isNull();
        assertThat(headers.toArray()).isEmpty();
    }

    private static String topic() {
        return Topics.USER_PERMISSION_EVENTS;
    }
}
