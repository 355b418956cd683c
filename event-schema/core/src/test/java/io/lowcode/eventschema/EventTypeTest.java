package io.lowcode.eventschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lowcode.eventschema.InvalidEventException.Reason;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.envelope.Operation;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.serde.EventCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypeTest {

    @Test
    void catalogHasExactlyTheNineteenAgreedTypes() {
        assertThat(EventType.values()).extracting(EventType::type).containsExactly(
                "function-unit.created", "function-unit.published", "function-unit.deployed", "function-unit.retired",
                "user.account-created", "user.account-status-changed", "permission.granted", "permission.revoked", "role.assigned",
                "workflow.execution-started", "workflow.step-completed", "workflow.execution-completed",
                "workflow.execution-failed", "workflow.execution-interrupted",
                "notification.requested", "alert.raised", "alert.resolved",
                "configuration.changed", "incident.recorded");
    }

    @Test
    void eachTopicCarriesTheTypesOfItsProducers() {
        assertThat(typesOn(Topics.FUNCTION_UNIT_EVENTS)).containsExactly(EventType.FUNCTION_UNIT_CREATED,
                EventType.FUNCTION_UNIT_PUBLISHED, EventType.FUNCTION_UNIT_DEPLOYED, EventType.FUNCTION_UNIT_RETIRED);
        assertThat(EventType.FUNCTION_UNIT_PUBLISHED.defaultSource()).isEqualTo(SourceModule.WORKSTATION);
        assertThat(EventType.FUNCTION_UNIT_DEPLOYED.defaultSource()).isEqualTo(SourceModule.ADMIN_CENTER);
        assertThat(typesOn(Topics.USER_PERMISSION_EVENTS)).hasSize(5)
                .allMatch(type -> type.producers().equals(List.of(SourceModule.ADMIN_CENTER)));
        assertThat(typesOn(Topics.WORKFLOW_EXECUTION_EVENTS)).hasSize(5)
                .allMatch(type -> type.producers().equals(List.of(SourceModule.PORTAL)));
        assertThat(typesOn(Topics.SYSTEM_NOTIFICATION_EVENTS)).hasSize(3)
                .allMatch(type -> type.defaultSource() == SourceModule.ADMIN_CENTER)
                .allMatch(type -> type.producers().containsAll(List.of(SourceModule.values())));
        assertThat(typesOn(Topics.PLATFORM_OPERATIONS_EVENTS)).containsExactly(EventType.CONFIGURATION_CHANGED,
                EventType.INCIDENT_RECORDED);
        assertThat(EventType.CONFIGURATION_CHANGED.producers()).containsExactly(SourceModule.ADMIN_CENTER);
    }

    @Test
    void sourcesAreTheModulePaths() {
        assertThat(SourceModule.values()).extracting(SourceModule::source).containsExactly(
                "/lowcode/workstation", "/lowcode/admin-center", "/lowcode/portal", "/lowcode/ops-migrator");
    }

    @Test
    void typeStringFindsItsType() {
        assertThat(EventType.fromType("role.assigned")).isEqualTo(EventType.ROLE_ASSIGNED);
        assertThat(EventType.find("role.assigned")).contains(EventType.ROLE_ASSIGNED);
        assertThat(EventType.find(null)).isEmpty();
    }

    @Test
    void unknownTypeStringThrowsTheTypedException() {
        assertThatThrownBy(() -> EventType.fromType("role.unassigned"))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE);
                    assertThat(e.field()).isEqualTo("type");
                    assertThat(e).hasMessageContaining("role.unassigned");
                });
    }

    @Test
    void everyPayloadClassIsARecordUsedByExactlyOneType() {
        assertThat(EventType.values()).extracting(EventType::payloadClass).doesNotHaveDuplicates()
                .allMatch(Class::isRecord);
    }

    @Test
    void functionUnitCreatedAndDeployedAreAtVersionTwoTheOthersAtOne() {
        assertThat(EventType.FUNCTION_UNIT_CREATED.knownVersions()).containsExactly(1, 2);
        assertThat(EventType.FUNCTION_UNIT_DEPLOYED.knownVersions()).containsExactly(1, 2);
        assertThat(Arrays.stream(EventType.values())
                .filter(t -> t != EventType.FUNCTION_UNIT_CREATED && t != EventType.FUNCTION_UNIT_DEPLOYED))
                .allMatch(t -> t.currentVersion() == 1);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyKnownVersionHasASchemaNamingItsTypeVersionAndOperation(EventType type) {
        for (int version : type.knownVersions()) {
            JsonNode schema = EventCodec.shared().schemas().document(type, version);
            assertThat(schema.get("$id").asText()).isEqualTo(type.schemaUri(version));
            assertThat(schema.at("/properties/type/const").asText()).isEqualTo(type.type());
            assertThat(schema.at("/properties/eventversion/const").asInt()).isEqualTo(version);
            assertThat(schema.at("/properties/dataschema/const").asText()).isEqualTo(type.schemaUri(version));
            JsonNode operation = schema.at("/properties/data/properties/operation");
            Set<String> operations = operation.has("const") ? Set.of(operation.get("const").asText())
                    : StreamSupport.stream(operation.get("enum").spliterator(), false)
                    .map(JsonNode::asText).collect(Collectors.toSet());
            assertThat(operations).contains(type.defaultOperation().name())
                    .allMatch(name -> Arrays.stream(Operation.values()).anyMatch(op -> op.name().equals(name)));
        }
    }

    @Test
    void exactlyTheSecurityRelevantTypesAreRetriedUntilApplied() {
        assertThat(Arrays.stream(EventType.values()).filter(EventType::retriesUntilApplied)).containsExactlyInAnyOrder(
                EventType.PERMISSION_GRANTED, EventType.PERMISSION_REVOKED, EventType.ROLE_ASSIGNED,
                EventType.USER_ACCOUNT_CREATED, EventType.USER_ACCOUNT_STATUS_CHANGED, EventType.FUNCTION_UNIT_DEPLOYED,
                EventType.FUNCTION_UNIT_RETIRED);
        assertThat(EventType.FUNCTION_UNIT_PUBLISHED.delivery()).isEqualTo(Delivery.BOUNDED_RETRIES);
        assertThat(EventType.NOTIFICATION_REQUESTED.delivery()).isEqualTo(Delivery.BOUNDED_RETRIES);
    }

    @Test
    void aPermissionEventIsOrderedPerUserAndPermissionNotPerUser() {
        var grantRead = EventEnvelope.of(EventType.PERMISSION_GRANTED, "u-1",
                new PermissionGranted("u-1", "report:*:read", "admin"));
        var revokeRead = EventEnvelope.of(EventType.PERMISSION_REVOKED, "u-1",
                new PermissionRevoked("u-1", "report:*:read", "admin"));
        var grantExecute = EventEnvelope.of(EventType.PERMISSION_GRANTED, "u-1",
                new PermissionGranted("u-1", "function-unit:*:execute", "admin"));

        assertThat(key(grantRead)).isEqualTo(key(revokeRead)).isEqualTo("user:u-1:permission:report:*:read");
        assertThat(key(grantExecute)).isNotEqualTo(key(grantRead));
        var roles = EventEnvelope.of(EventType.ROLE_ASSIGNED, "u-1", new RoleAssigned("u-1", List.of("user"),
                List.of(), "admin"));
        var account = EventEnvelope.of(EventType.USER_ACCOUNT_CREATED, "u-1",
                new UserAccountCreated("u-1", "carol", null, "c@example.com", List.of("user")));
        assertThat(key(roles)).isEqualTo(key(account)).isEqualTo("user:u-1");
        assertThat(EventType.FUNCTION_UNIT_DEPLOYED.stateObject()).isEqualTo(EventType.FUNCTION_UNIT_RETIRED.stateObject())
                .isEqualTo(StateObject.FUNCTION_UNIT);
        assertThat(StateObject.NONE.keyOf(account)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void exactlyTheStateSettingTypesMayCarryAReconciliation(EventType type) {
        JsonNode operation = EventCodec.shared().schemas().document(type, type.currentVersion())
                .at("/properties/data/properties/operation");
        boolean reconcilable = operation.has("enum") && StreamSupport.stream(operation.get("enum").spliterator(), false)
                .anyMatch(op -> op.asText().equals(Operation.RECONCILE.name()));
        assertThat(reconcilable).isEqualTo(type.stateObject() != StateObject.NONE);
        assertThat(type.retriesUntilApplied()).isEqualTo(type.stateObject() != StateObject.NONE);
    }

    @Test
    void nativeImageReflectionConfigListsEveryPayloadType() throws Exception {
        JsonNode config;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                "META-INF/native-image/io.lowcode.integration/event-schema/reflect-config.json")) {
            config = new ObjectMapper().readTree(in);
        }
        Set<String> registered = StreamSupport.stream(config.spliterator(), false)
                .map(entry -> entry.get("name").asText()).collect(Collectors.toSet());

        for (EventType type : EventType.values()) {
            assertThat(registered).contains(type.payloadClass().getName());
            for (var component : type.payloadClass().getRecordComponents()) {
                Class<?> used = component.getType();
                if (used.getPackageName().equals(type.payloadClass().getPackageName())) {
                    assertThat(registered).contains(used.getName());
                }
            }
        }
    }

    private static String key(EventEnvelope<?> event) {
        return event.type().stateObject().keyOf(event).orElseThrow();
    }

    private static List<EventType> typesOn(String topic) {
        return Arrays.stream(EventType.values()).filter(type -> type.topic().equals(topic)).toList();
    }
}
