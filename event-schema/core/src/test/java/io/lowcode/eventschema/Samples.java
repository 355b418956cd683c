package io.lowcode.eventschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.AlertRaised;
import io.lowcode.eventschema.payload.AlertResolved;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.ConfigurationChanged;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.payload.ExecutionCompleted;
import io.lowcode.eventschema.payload.ExecutionFailed;
import io.lowcode.eventschema.payload.ExecutionInterrupted;
import io.lowcode.eventschema.payload.ExecutionStarted;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.payload.IncidentRecorded;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.Recipients;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.payload.StepCompleted;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.payload.UserAccountStatusChanged;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic events of every type, as the producing modules would build them. */
public final class Samples {

    public static final String FUNCTION_UNIT_ID = "fu-7f3a9c";
    public static final String EXECUTION_ID = "ex-20240501-000042";
    public static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Samples() {
    }

    /** A sample of {@code type} with every optional envelope attribute set. */
    public static EventEnvelope<?> fullEnvelope(EventType type) {
        return envelope(type)
                .withCorrelationId("corr-5d1b2f")
                .withUserId("u-alice")
                .withSessionId("sess-99c0")
                .withTraceparent(TRACEPARENT);
    }

    /** A sample of {@code type} with only the attributes {@link EventEnvelope#of} sets. */
    public static EventEnvelope<?> envelope(EventType type) {
        return EventEnvelope.of(type, subject(type), payload(type));
    }

    public static EventPayload payload(EventType type) {
        switch (type) {
            case FUNCTION_UNIT_CREATED:
                return new FunctionUnitCreated(FUNCTION_UNIT_ID, "Invoice approval", "Routes invoices over 10k to finance",
                        "u-dev-bob", "finance");
            case FUNCTION_UNIT_PUBLISHED:
                return new FunctionUnitPublished(FUNCTION_UNIT_ID, "Invoice approval", "1.2.0", "Adds CFO step",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", definition());
            case FUNCTION_UNIT_DEPLOYED:
                return new FunctionUnitDeployed(FUNCTION_UNIT_ID, "Invoice approval", "1.2.0", "production", "u-admin",
                        "dep-311", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
            case FUNCTION_UNIT_RETIRED:
                return new FunctionUnitRetired(FUNCTION_UNIT_ID, "Invoice approval", "1.1.0", "Superseded by 1.2.0",
                        "u-admin");
            case USER_ACCOUNT_CREATED:
                return new UserAccountCreated("u-carol", "carol", "Carol Chen", "carol@example.com",
                        List.of("developer", "viewer"));
            case USER_ACCOUNT_STATUS_CHANGED:
                return new UserAccountStatusChanged("u-carol", UserAccountStatusChanged.DISABLED, "u-admin",
                        "left the company");
            case PERMISSION_GRANTED:
                return new PermissionGranted("u-carol", "function-unit:*:execute", "u-admin");
            case PERMISSION_REVOKED:
                return new PermissionRevoked("u-carol", "function-unit:fu-7f3a9c:publish", "u-admin");
            case ROLE_ASSIGNED:
                return new RoleAssigned("u-carol", List.of("developer", "publisher"), List.of("developer"), "u-admin");
            case WORKFLOW_EXECUTION_STARTED:
                return new ExecutionStarted(EXECUTION_ID, FUNCTION_UNIT_ID, "1.2.0", "u-dave",
                        JSON.objectNode().put("invoiceId", "INV-1001").put("amount", 12500.5));
            case WORKFLOW_STEP_COMPLETED:
                return new StepCompleted(EXECUTION_ID, FUNCTION_UNIT_ID, 1, "finance-review",
                        JSON.objectNode().put("approved", true), 8423L);
            case WORKFLOW_EXECUTION_COMPLETED:
                return new ExecutionCompleted(EXECUTION_ID, FUNCTION_UNIT_ID,
                        JSON.objectNode().put("result", "APPROVED"), 93_211L);
            case WORKFLOW_EXECUTION_FAILED:
                return new ExecutionFailed(EXECUTION_ID, FUNCTION_UNIT_ID, "erp-posting",
                        "ERP returned 503 Service Unavailable", 30_017L);
            case WORKFLOW_EXECUTION_INTERRUPTED:
                return new ExecutionInterrupted(EXECUTION_ID, FUNCTION_UNIT_ID, "cancelled by user");
            case NOTIFICATION_REQUESTED:
                return new NotificationRequested("ntf-88", new Recipients(List.of("u-carol"), List.of("ops")),
                        "deployment-finished", Map.of("functionUnit", "Invoice approval", "version", "1.2.0"),
                        Severity.INFO, List.of(Channel.EMAIL, Channel.IM));
            case ALERT_RAISED:
                return new AlertRaised("al-17", "consumer-lag-high", Severity.CRITICAL,
                        "portal lag on workflow-execution-events above 10000",
                        Map.of("group", "portal", "lag", "15234"), Instant.parse("2024-05-01T10:15:30.123456Z"));
            case ALERT_RESOLVED:
                return new AlertResolved("al-17", "consumer-lag-high", Instant.parse("2024-05-01T10:42:00Z"),
                        "lag back under 100");
            case CONFIGURATION_CHANGED:
                return new ConfigurationChanged(7, Map.of("messaging.retry.max-attempts", "6",
                        "notify.routing.warning", "EMAIL,IM"), List.of("messaging.retry.max-attempts"),
                        "database failovers take longer", "u-olga", Instant.parse("2024-05-01T11:00:00Z"), null);
            case INCIDENT_RECORDED:
                return new IncidentRecorded("inc-5", "portal", "consumer-stalled", "access$1",
                        Instant.parse("2024-05-01T11:05:00Z"), "no progress for 30 s on user-permission-events-1@42",
                        "restarted the channel (rejoined the group)", "HEALED", "records applied again after 1.2 s",
                        Instant.parse("2024-05-01T11:05:02Z"));
            default:
                throw new IllegalArgumentException("no sample for " + type);
        }
    }

    /** The business object id the producing module would use as subject (and Kafka key). */
    public static String subject(EventType type) {
        switch (type.topic()) {
            case Topics.FUNCTION_UNIT_EVENTS:
                return FUNCTION_UNIT_ID;
            case Topics.USER_PERMISSION_EVENTS:
                return "u-carol";
            case Topics.WORKFLOW_EXECUTION_EVENTS:
                return EXECUTION_ID;
            case Topics.PLATFORM_OPERATIONS_EVENTS:
                return type == EventType.CONFIGURATION_CHANGED ? "platform-configuration" : "inc-5";
            default:
                return type == EventType.NOTIFICATION_REQUESTED ? "ntf-88" : "al-17";
        }
    }

    private static JsonNode definition() {
        ObjectNode definition = JSON.objectNode();
        definition.put("kind", "workflow");
        definition.putArray("steps")
                .add(JSON.objectNode().put("name", "submit").put("form", "invoice"))
                .add(JSON.objectNode().put("name", "finance-review").put("role", "finance"))
                .add(JSON.objectNode().put("name", "erp-posting").put("connector", "sap"));
        return definition;
    }
}
