package io.lowcode.eventschema.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Samples;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Status;
import io.lowcode.eventschema.payload.ExecutionCompleted;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class EventCodecRoundTripTest {

    private static final EventCodec CODEC = EventCodec.shared();
    /** An independent, default-configured parser: what a consumer in another stack would use. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeReadsBackEqualToWhatWasWritten(EventType type) {
        EventEnvelope<?> written = Samples.fullEnvelope(type);

        EventEnvelope<?> read = CODEC.deserialize(CODEC.serialize(written));

        assertThat(read).isEqualTo(written);
        assertThat(read.payload()).isInstanceOf(type.payloadClass());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventWithoutOptionalAttributesReadsBackWithoutThem(EventType type) {
        EventEnvelope<?> written = Samples.envelope(type);

        EventEnvelope<?> read = CODEC.deserialize(CODEC.serialize(written));

        assertThat(read).isEqualTo(written);
        assertThat(read.correlationid()).isNull();
        assertThat(read.traceparent()).isNull();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySchemaAcceptsWhatTheSerializerWrites(EventType type) throws Exception {
        JsonNode written = PLAIN.readTree(CODEC.serialize(Samples.fullEnvelope(type)));

        assertThatCode(() -> CODEC.schemas().validate(type, type.currentVersion(), written))
                .doesNotThrowAnyException();
    }

    @Test
    void writtenJsonUsesTheCloudEventsAttributeNamesAtTopLevel() throws Exception {
        EventEnvelope<?> event = Samples.fullEnvelope(EventType.FUNCTION_UNIT_PUBLISHED);

        JsonNode json = PLAIN.readTree(CODEC.serialize(event));

        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("specversion", "id", "type", "source", "subject", "time",
                "datacontenttype", "dataschema", "eventversion", "correlationid", "userid", "sessionid",
                "traceparent", "data");
        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("type").asText()).isEqualTo("function-unit.published");
        assertThat(json.get("source").asText()).isEqualTo("/lowcode/workstation");
        assertThat(json.get("subject").asText()).isEqualTo(Samples.FUNCTION_UNIT_ID);
        assertThat(json.get("dataschema").asText()).isEqualTo("urn:lowcode:schema:function-unit.published:1");
        assertThat(json.get("eventversion").isInt()).isTrue();
        assertThat(json.get("time").asText()).isEqualTo(event.time().toString()).endsWith("Z");
        assertThat(json.at("/data/operation").asText()).isEqualTo("PUBLISH");
        assertThat(json.at("/data/status").asText()).isEqualTo("SUCCESS");
        assertThat(json.at("/data/payload/definition/steps/1/role").asText()).isEqualTo("finance");
    }

    @Test
    void failedExecutionIsWrittenWithStatusFailed() throws Exception {
        JsonNode json = PLAIN.readTree(CODEC.serialize(Samples.envelope(EventType.WORKFLOW_EXECUTION_FAILED)));

        assertThat(json.at("/data/status").asText()).isEqualTo(Status.FAILED.name());
    }

    @Test
    void absentOptionalPayloadFieldsAreLeftOutAndReadBackAsNull() {
        EventEnvelope<FunctionUnitPublished> event = EventEnvelope.of(EventType.FUNCTION_UNIT_PUBLISHED,
                Samples.FUNCTION_UNIT_ID, new FunctionUnitPublished(Samples.FUNCTION_UNIT_ID, "Invoice approval",
                        "2.0.0", null, "a".repeat(64), PLAIN.createObjectNode()));

        byte[] bytes = CODEC.serialize(event);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("changelog");
        assertThat(CODEC.deserialize(bytes).payloadAs(FunctionUnitPublished.class).changelog()).isNull();
    }

    @Test
    void executionWhoseOutputIsJsonNullReadsBackEqual() {
        EventEnvelope<ExecutionCompleted> event = EventEnvelope.of(EventType.WORKFLOW_EXECUTION_COMPLETED,
                Samples.EXECUTION_ID, new ExecutionCompleted(Samples.EXECUTION_ID, Samples.FUNCTION_UNIT_ID, null, 5));

        byte[] bytes = CODEC.serialize(event);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"output\":null");
        assertThat(CODEC.deserialize(bytes)).isEqualTo(event);
    }

    @Test
    void codecIsSafeToShareBetweenThreads() {
        List<EventEnvelope<?>> events = IntStream.range(0, 400)
                .mapToObj(i -> Samples.fullEnvelope(EventType.values()[i % EventType.values().length]))
                .collect(Collectors.toList());

        List<EventEnvelope<?>> read = events.parallelStream()
                .map(event -> CODEC.deserialize(CODEC.serialize(event)))
                .collect(Collectors.toList());

        assertThat(read).isEqualTo(events);
    }

    @Test
    void timeWithAnOffsetIsReadAsTheSameInstant() throws Exception {
        EventEnvelope<?> event = Samples.envelope(EventType.ALERT_RESOLVED);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) PLAIN.readTree(CODEC.serialize(event));
        json.put("time", "2024-05-01T12:42:00.5+02:00");

        EventEnvelope<?> read = CODEC.deserialize(PLAIN.writeValueAsBytes(json));

        assertThat(read.time()).isEqualTo(java.time.Instant.parse("2024-05-01T10:42:00.5Z"));
    }
}
