package io.lowcode.eventschema.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Samples;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.payload.AlertResolved;
import io.lowcode.eventschema.payload.ExecutionStarted;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.RoleAssigned;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {

    @Test
    void newEventGetsARandomIdTheCurrentTimeAndTheTypesDefaults() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        EventEnvelope<PermissionGranted> event = EventEnvelope.of(EventType.PERMISSION_GRANTED, "u-carol",
                new PermissionGranted("u-carol", "function-unit:*:execute", "u-admin"));

        assertThat(UUID.fromString(event.id())).isNotNull();
        assertThat(event.time()).isBetween(before, Instant.now());
        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(event.source()).isEqualTo("/lowcode/admin-center");
        assertThat(event.eventversion()).isEqualTo(1);
        assertThat(event.dataschema()).isEqualTo("urn:lowcode:schema:permission.granted:1");
        assertThat(event.data().operation()).isEqualTo(Operation.GRANT);
        assertThat(event.data().status()).isEqualTo(Status.SUCCESS);
        assertThat(event.correlationid()).isNull();
    }

    @Test
    void eventsMadeBackToBackAreOrderedByTime() {
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            times.add(Samples.envelope(EventType.PERMISSION_REVOKED).time());
        }
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isAfter(times.get(i - 1));
            assertThat(times.get(i).getNano() % 1_000).isZero();
        }
    }

    @Test
    void aReconciliationReadsBackWithItsOperation() {
        EventEnvelope<PermissionGranted> event = EventEnvelope.of(EventType.PERMISSION_GRANTED, "u-carol",
                new PermissionGranted("u-carol", "function-unit:*:execute", "u-admin")).withOperation(Operation.RECONCILE);

        EventEnvelope<?> read = io.lowcode.eventschema.serde.EventCodec.shared()
                .deserialize(io.lowcode.eventschema.serde.EventCodec.shared().serialize(event));

        assertThat(read.data().operation()).isEqualTo(Operation.RECONCILE);
    }

    @Test
    void twoNewEventsNeverShareAnId() {
        assertThat(Samples.envelope(EventType.ALERT_RAISED).id()).isNotEqualTo(Samples.envelope(EventType.ALERT_RAISED).id());
    }

    @Test
    void withersChangeOnlyTheirAttribute() {
        EventEnvelope<?> event = Samples.envelope(EventType.ALERT_RESOLVED);

        EventEnvelope<?> changed = event.withCorrelationId("c").withUserId("u").withSessionId("s")
                .withTraceparent(Samples.TRACEPARENT).withSource(SourceModule.PORTAL).withStatus(Status.FAILED);

        assertThat(changed.correlationid()).isEqualTo("c");
        assertThat(changed.userid()).isEqualTo("u");
        assertThat(changed.sessionid()).isEqualTo("s");
        assertThat(changed.traceparent()).isEqualTo(Samples.TRACEPARENT);
        assertThat(changed.source()).isEqualTo("/lowcode/portal");
        assertThat(changed.data().status()).isEqualTo(Status.FAILED);
        assertThat(changed.id()).isEqualTo(event.id());
        assertThat(changed.time()).isEqualTo(event.time());
        assertThat(changed.payload()).isEqualTo(event.payload());
        assertThat(event.correlationid()).isNull();
    }

    @Test
    void payloadOfAnotherTypeIsRefused() {
        AlertResolved payload = (AlertResolved) Samples.payload(EventType.ALERT_RESOLVED);

        assertThatThrownBy(() -> EventEnvelope.of(EventType.ALERT_RAISED, "al-17", payload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alert.raised carries AlertRaised, not AlertResolved");
    }

    @Test
    void payloadAsAnotherRecordNamesBoth() {
        EventEnvelope<?> event = Samples.envelope(EventType.ALERT_RESOLVED);

        assertThat(event.payloadAs(AlertResolved.class).alertId()).isEqualTo("al-17");
        assertThatThrownBy(() -> event.payloadAs(PermissionGranted.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries AlertResolved, not PermissionGranted");
    }

    @Test
    void envelopeOfAnOlderVersionCannotBeBuilt() {
        EventEnvelope<?> current = Samples.envelope(EventType.FUNCTION_UNIT_CREATED);

        assertThatThrownBy(() -> new EventEnvelope<>(current.specversion(), current.id(), current.type(),
                current.source(), current.subject(), current.time(), current.datacontenttype(),
                "urn:lowcode:schema:function-unit.created:1", 1, null, null, null, null, current.data()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be the current 2");
    }

    @Test
    void payloadRefusesAbsurdlyDeepJsonInsteadOfOverflowingTheStack() {
        JsonNode deep = JsonNodeFactory.instance.nullNode();
        for (int i = 0; i < 100_000; i++) {
            deep = JsonNodeFactory.instance.arrayNode().add(deep);
        }
        JsonNode input = deep;

        assertThatThrownBy(() -> new ExecutionStarted("ex-1", "fu-1", "1.0.0", "u-dave", input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than 64 levels");
    }

    @Test
    void payloadsCannotBeChangedThroughTheCollectionsAndTreesTheyWereBuiltFrom() {
        List<String> roles = new ArrayList<>(List.of("developer"));
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("invoiceId", "INV-1");
        RoleAssigned assigned = new RoleAssigned("u-carol", roles, List.of(), "u-admin");
        ExecutionStarted started = new ExecutionStarted("ex-1", "fu-1", "1.0.0", "u-dave", input);

        roles.add("admin");
        input.put("invoiceId", "INV-2");
        ((ObjectNode) started.input()).put("invoiceId", "INV-3");

        assertThat(assigned.roles()).containsExactly("developer");
        assertThat(started.input().get("invoiceId").asText()).isEqualTo("INV-1");
        assertThatThrownBy(() -> assigned.roles().add("admin")).isInstanceOf(UnsupportedOperationException.class);
    }
}
