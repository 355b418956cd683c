package io.lowcode.eventschema.upcast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.InvalidEventException.Reason;
import io.lowcode.eventschema.Samples;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.serde.EventCodec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpcastingTest {

    private static final EventCodec CODEC = EventCodec.shared();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Test
    void functionUnitCreatedV1ReadsAsTheCurrentVersionWithCategoryUncategorized() throws Exception {
        EventEnvelope<?> read = CODEC.deserialize(PLAIN.writeValueAsBytes(createdV1()));

        assertThat(read.eventversion()).isEqualTo(2);
        assertThat(read.dataschema()).isEqualTo("urn:lowcode:schema:function-unit.created:2");
        FunctionUnitCreated payload = read.payloadAs(FunctionUnitCreated.class);
        assertThat(payload.category()).isEqualTo(FunctionUnitCreated.UNCATEGORIZED);
        assertThat(payload.name()).isEqualTo("Invoice approval");
        assertThat(payload.ownerId()).isEqualTo("u-dev-bob");
    }

    @Test
    void upcastTreeIsValidAgainstTheCurrentSchema() throws Exception {
        ObjectNode current = CODEC.readTree(PLAIN.writeValueAsBytes(createdV1()));

        assertThat(current.get("eventversion").intValue()).isEqualTo(2);
        CODEC.schemas().validate(EventType.FUNCTION_UNIT_CREATED, 2, current);
    }

    @Test
    void v1EventIsValidatedAgainstTheV1SchemaBeforeUpcasting() throws Exception {
        ObjectNode v1 = createdV1();
        ((ObjectNode) v1.at("/data/payload")).put("category", "finance");

        assertThatThrownBy(() -> CODEC.deserialize(PLAIN.writeValueAsBytes(v1)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
                    assertThat(e.field()).isEqualTo("/data/payload/category");
                    assertThat(e).hasMessageContaining("function-unit.created:1");
                });
    }

    @Test
    void upcasterThatBreaksTheEventIsReportedNotThrownThrough() throws Exception {
        EventCodec codec = new EventCodec(new UpcasterRegistry(List.of(new FunctionUnitDeployedV1ToV2(), step(1, data -> {
            throw new IllegalStateException("boom");
        }))));

        assertThatThrownBy(() -> codec.deserialize(PLAIN.writeValueAsBytes(createdV1())))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BINDING_FAILED);
                    assertThat(e).hasMessageContaining("boom");
                });
    }

    @Test
    void upcasterThatProducesAnInvalidEventIsCaughtByTheCurrentSchema() throws Exception {
        EventCodec codec = new EventCodec(new UpcasterRegistry(List.of(new FunctionUnitDeployedV1ToV2(), step(1, data -> data))));

        assertThatThrownBy(() -> codec.deserialize(PLAIN.writeValueAsBytes(createdV1())))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
                    assertThat(e.field()).isEqualTo("/data/payload/category");
                    assertThat(e).hasMessageContaining("function-unit.created:2");
                });
    }

    @Test
    void registryRefusesTwoUpcastersForTheSameStep() {
        assertThatThrownBy(() -> new UpcasterRegistry(
                List.of(new FunctionUnitCreatedV1ToV2(), new FunctionUnitCreatedV1ToV2())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two upcasters for function-unit.created v1");
    }

    @Test
    void registryRefusesAMissingStep() {
        assertThatThrownBy(() -> new UpcasterRegistry(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no upcaster for function-unit.created v1");
    }

    @Test
    void registryRefusesAStepBeyondTheCurrentVersion() {
        assertThatThrownBy(() -> new UpcasterRegistry(List.of(new FunctionUnitCreatedV1ToV2(), step(2, data -> data))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside 1..1");
    }

    @Test
    void upcastingLeavesTheInputTreeUntouched() throws Exception {
        ObjectNode v1 = createdV1();
        ObjectNode before = v1.deepCopy();

        UpcasterRegistry.defaults().upcast(EventType.FUNCTION_UNIT_CREATED, 1, v1);

        assertThat(v1).isEqualTo(before);
    }

    private static Upcaster step(int fromVersion, UnaryOperator<ObjectNode> rewrite) {
        return new Upcaster() {
            @Override
            public EventType type() {
                return EventType.FUNCTION_UNIT_CREATED;
            }

            @Override
            public int fromVersion() {
                return fromVersion;
            }

            @Override
            public ObjectNode upcast(ObjectNode data) {
                return rewrite.apply(data);
            }
        };
    }

    /** What a workstation built before categories existed wrote. */
    private static ObjectNode createdV1() throws Exception {
        ObjectNode document = (ObjectNode) PLAIN.readTree(
                CODEC.serialize(Samples.fullEnvelope(EventType.FUNCTION_UNIT_CREATED)));
        document.put("eventversion", 1);
        document.put("dataschema", "urn:lowcode:schema:function-unit.created:1");
        ((ObjectNode) document.at("/data/payload")).remove("category");
        return document;
    }
}
