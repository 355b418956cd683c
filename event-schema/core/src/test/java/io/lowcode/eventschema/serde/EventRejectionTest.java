package io.lowcode.eventschema.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.InvalidEventException.Reason;
import io.lowcode.eventschema.Samples;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.ExecutionStarted;
import io.lowcode.eventschema.payload.PermissionGranted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.lowcode.eventschema.serde.Documents.bytes;
import static io.lowcode.eventschema.serde.Documents.utf8;
import static io.lowcode.eventschema.serde.Documents.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventRejectionTest {

    private static final EventCodec CODEC = EventCodec.shared();
    static final List<String> REQUIRED = EventEnvelope.REQUIRED_ATTRIBUTES;

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"id\": ", "[1, 2]", "\"text\"", "42", "null", "   ",
            "{\"a\": 1} trailing", "{\"a\": 1, \"a\": 2}", "{'single': 'quotes'}", "{\"a\": NaN}"})
    void bytesThatAreNotOneJsonObjectAreMalformed(String text) {
        assertRejected(utf8(text), Reason.MALFORMED_JSON, "");
    }

    @Test
    void emptyAndNullInputAreMalformed() {
        assertRejected(new byte[0], Reason.MALFORMED_JSON, "");
        assertRejected(null, Reason.MALFORMED_JSON, "");
    }

    @Test
    void invalidUtf8IsMalformed() {
        assertRejected(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, Reason.MALFORMED_JSON, "");
    }

    @Test
    void nestingDeeperThanTheLimitIsMalformedNotAStackOverflow() {
        ObjectNode document = valid(EventType.WORKFLOW_STEP_COMPLETED);
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String text = new String(bytes(document)).replace("\"output\":{\"approved\":true}", "\"output\":" + deep);

        assertRejected(utf8(text), Reason.MALFORMED_JSON, "");
        assertThatThrownBy(() -> CODEC.deserialize(utf8(text))).hasMessageContaining("nesting depth");
    }

    @Test
    void documentLargerThanOneMebibyteIsMalformed() {
        ObjectNode document = valid(EventType.WORKFLOW_EXECUTION_INTERRUPTED);
        ((ObjectNode) document.at("/data/payload")).put("reason", "x".repeat(EventJson.MAX_DOCUMENT_BYTES));

        assertRejected(bytes(document), Reason.MALFORMED_JSON, "");
    }

    @ParameterizedTest
    @FieldSource("REQUIRED")
    void eventWithoutARequiredAttributeIsRejectedNamingIt(String attribute) {
        ObjectNode document = valid(EventType.PERMISSION_GRANTED);
        document.remove(attribute);

        assertRejected(bytes(document), Reason.MISSING_ATTRIBUTE, attribute);
    }

    @ParameterizedTest
    @FieldSource("REQUIRED")
    void requiredAttributeSetToNullCountsAsMissing(String attribute) {
        ObjectNode document = valid(EventType.ROLE_ASSIGNED);
        document.putNull(attribute);

        assertRejected(bytes(document), Reason.MISSING_ATTRIBUTE, attribute);
    }

    @Test
    void otherCloudEventsSpecVersionIsUnsupported() {
        ObjectNode document = valid(EventType.ALERT_RAISED);
        document.put("specversion", "0.3");

        assertRejected(bytes(document), Reason.UNSUPPORTED_VERSION, "specversion");
    }

    @Test
    void unknownTypeIsRejectedNamingTheType() {
        ObjectNode document = valid(EventType.ALERT_RAISED);
        document.put("type", "alert.snoozed");

        InvalidEventException rejected = assertRejected(bytes(document), Reason.UNKNOWN_TYPE, "type");
        assertThat(rejected).hasMessageContaining("alert.snoozed");
    }

    @Test
    void typeThatIsNotAStringViolatesTheSchema() {
        ObjectNode document = valid(EventType.ALERT_RAISED);
        document.put("type", 7);

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "type");
    }

    @Test
    void eventNewerThanReaderIsRejectedNamingTheVersion() {
        ObjectNode document = valid(EventType.FUNCTION_UNIT_CREATED);
        document.put("eventversion", 3);

        InvalidEventException rejected = assertRejected(bytes(document), Reason.UNSUPPORTED_VERSION, "eventversion");
        assertThat(rejected).hasMessageContaining("version 3 is newer than the newest known 2");
    }

    @Test
    void hugeVersionNumberIsNewerNotAnOverflow() {
        ObjectNode document = valid(EventType.PERMISSION_REVOKED);
        document.put("eventversion", new java.math.BigInteger("123456789012345678901234567890"));

        InvalidEventException rejected = assertRejected(bytes(document), Reason.UNSUPPORTED_VERSION, "eventversion");
        assertThat(rejected).hasMessageContaining("is newer than the newest known 1");
    }

    @Test
    void versionZeroIsUnsupported() {
        ObjectNode document = valid(EventType.PERMISSION_REVOKED);
        document.put("eventversion", 0);

        assertRejected(bytes(document), Reason.UNSUPPORTED_VERSION, "eventversion");
    }

    @Test
    void versionThatIsNotAnIntegerViolatesTheSchema() {
        ObjectNode document = valid(EventType.PERMISSION_REVOKED);
        document.put("eventversion", "1");

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "eventversion");
    }

    @Test
    void missingPayloadFieldIsASchemaViolationAtItsPointer() {
        ObjectNode document = valid(EventType.FUNCTION_UNIT_DEPLOYED);
        ((ObjectNode) document.at("/data/payload")).remove("name");

        InvalidEventException rejected = assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "/data/payload/name");
        assertThat(rejected).hasMessageContaining("'/data/payload/name'").hasMessageContaining("SCHEMA_VIOLATION");
    }

    @Test
    void payloadFieldOfTheWrongTypeIsASchemaViolationAtItsPointer() {
        ObjectNode document = valid(EventType.WORKFLOW_STEP_COMPLETED);
        ((ObjectNode) document.at("/data/payload")).put("stepIndex", "second");

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "/data/payload/stepIndex");
    }

    @Test
    void unknownPayloadFieldIsASchemaViolation() {
        ObjectNode document = valid(EventType.PERMISSION_GRANTED);
        ((ObjectNode) document.at("/data/payload")).put("expiresAt", "2025-01-01T00:00:00Z");

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "/data/payload/expiresAt");
    }

    @Test
    void malformedPermissionStringIsASchemaViolation() {
        ObjectNode document = valid(EventType.PERMISSION_GRANTED);
        ((ObjectNode) document.at("/data/payload")).put("permission", "execute everything");

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "/data/payload/permission");
    }

    @Test
    void notificationWithoutAnyRecipientIsASchemaViolation() {
        ObjectNode document = valid(EventType.NOTIFICATION_REQUESTED);
        ((ObjectNode) document.at("/data/payload/recipients")).putArray("users");
        ((ObjectNode) document.at("/data/payload/recipients")).putArray("roles");

        assertThatThrownBy(() -> CODEC.deserialize(bytes(document)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
                    assertThat(e.field()).startsWith("/data/payload/recipients/");
                });
    }

    @Test
    void operationThatTheTypeDoesNotCarryIsASchemaViolation() {
        ObjectNode document = valid(EventType.FUNCTION_UNIT_RETIRED);
        ((ObjectNode) document.get("data")).put("operation", "DEPLOY");

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "/data/operation");
    }

    @Test
    void idThatIsNotAUuidIsASchemaViolation() {
        ObjectNode document = valid(EventType.USER_ACCOUNT_CREATED);
        document.put("id", "42");

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "id");
    }

    @Test
    void timeThatIsNotRfc3339IsASchemaViolation() {
        ObjectNode document = valid(EventType.USER_ACCOUNT_CREATED);
        document.put("time", "yesterday");

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "time");
    }

    @Test
    void dataschemaOfAnotherVersionIsASchemaViolation() {
        ObjectNode document = valid(EventType.FUNCTION_UNIT_CREATED);
        document.put("dataschema", "urn:lowcode:schema:function-unit.created:1");

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "dataschema");
    }

    @Test
    void unknownExtensionAttributesAreAcceptedAndDropped() {
        ObjectNode document = valid(EventType.USER_ACCOUNT_CREATED);
        document.put("partitionkey", "u-carol");

        assertThat(CODEC.deserialize(bytes(document)).type()).isEqualTo(EventType.USER_ACCOUNT_CREATED);
    }

    @Test
    void extensionAttributeNameOutsideTheCloudEventsRulesIsASchemaViolation() {
        ObjectNode document = valid(EventType.USER_ACCOUNT_CREATED);
        document.put("Partition-Key", "u-carol");

        assertRejected(bytes(document), Reason.SCHEMA_VIOLATION, "Partition-Key");
    }

    @Test
    void serializerRefusesAnEventItsOwnSchemaRejects() {
        EventEnvelope<PermissionGranted> event = EventEnvelope.of(EventType.PERMISSION_GRANTED, "u-carol",
                new PermissionGranted("u-carol", "everything", "u-admin"));

        assertThatThrownBy(() -> CODEC.serialize(event))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
                    assertThat(e.field()).isEqualTo("/data/payload/permission");
                });
    }

    @Test
    void serializerRefusesABadTraceparent() {
        EventEnvelope<?> event = Samples.envelope(EventType.ALERT_RESOLVED).withTraceparent("not-a-trace");

        assertThatThrownBy(() -> CODEC.serialize(event))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.field()).isEqualTo("traceparent"));
    }

    @Test
    void serializerRefusesPayloadJsonNestedDeeperThanTheWireLimit() {
        JsonNode deep = JsonNodeFactory.instance.textNode("bottom");
        for (int i = 0; i < EventJson.MAX_NESTING_DEPTH - 2; i++) {
            deep = JsonNodeFactory.instance.arrayNode().add(deep);
        }
        EventEnvelope<ExecutionStarted> event = EventEnvelope.of(EventType.WORKFLOW_EXECUTION_STARTED, "ex-1",
                new ExecutionStarted("ex-1", "fu-1", "1.0.0", "u-dave",
                        JsonNodeFactory.instance.objectNode().set("matrix", deep)));

        assertThatThrownBy(() -> CODEC.serialize(event))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON))
                .hasMessageContaining("nesting depth");
    }

    @Test
    void schemasRefuseACallerBuiltTreeTooDeepToValidate() {
        ObjectNode document = valid(EventType.WORKFLOW_STEP_COMPLETED);
        JsonNode deep = JsonNodeFactory.instance.nullNode();
        for (int i = 0; i < 10_000; i++) {
            deep = JsonNodeFactory.instance.arrayNode().add(deep);
        }
        ((ObjectNode) document.at("/data/payload")).set("output", deep);

        assertThatThrownBy(() -> CODEC.schemas().validate(EventType.WORKFLOW_STEP_COMPLETED, 1, document))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON));
    }

    private static InvalidEventException assertRejected(byte[] bytes, Reason reason, String field) {
        try {
            CODEC.deserialize(bytes);
        } catch (InvalidEventException e) {
            assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
            assertThat(e.field()).as("field of: %s", e.getMessage()).isEqualTo(field);
            return e;
        }
        throw new AssertionError("expected " + reason + " at '" + field + "' but the event was accepted");
    }
}
