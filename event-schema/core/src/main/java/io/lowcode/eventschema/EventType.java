package io.lowcode.eventschema;

import io.lowcode.eventschema.InvalidEventException.Reason;
import io.lowcode.eventschema.envelope.Operation;
import io.lowcode.eventschema.envelope.Status;
import io.lowcode.eventschema.payload.AlertRaised;
import io.lowcode.eventschema.payload.AlertResolved;
import io.lowcode.eventschema.payload.ConfigurationChanged;
import io.lowcode.eventschema.payload.IncidentRecorded;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.payload.ExecutionCompleted;
import io.lowcode.eventschema.payload.ExecutionFailed;
import io.lowcode.eventschema.payload.ExecutionInterrupted;
import io.lowcode.eventschema.payload.ExecutionStarted;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.eventschema.payload.StepCompleted;
import io.lowcode.eventschema.payload.UserAccountCreated;
import io.lowcode.eventschema.payload.UserAccountStatusChanged;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.lowcode.eventschema.Delivery.BOUNDED_RETRIES;
import static io.lowcode.eventschema.Delivery.RETRY_UNTIL_APPLIED;
import static io.lowcode.eventschema.SourceModule.ADMIN_CENTER;
import static io.lowcode.eventschema.SourceModule.OPS_MIGRATOR;
import static io.lowcode.eventschema.SourceModule.PORTAL;
import static io.lowcode.eventschema.SourceModule.WORKSTATION;

/**
 * The event catalog: every event type with its type string, current version, topic, producers,
 * payload record, default operation, how consumers retry it ({@link Delivery}) and which object's state it sets
 * ({@link StateObject}). The only place in the code base that spells an event type.
 * Each version {@code 1..currentVersion()} has a JSON Schema at {@link #schemaResource(int)}.
 */
public enum EventType {

    FUNCTION_UNIT_CREATED("function-unit.created", 2, Topics.FUNCTION_UNIT_EVENTS,
            FunctionUnitCreated.class, Operation.CREATE, List.of(WORKSTATION), BOUNDED_RETRIES, StateObject.NONE),
    FUNCTION_UNIT_PUBLISHED("function-unit.published", 1, Topics.FUNCTION_UNIT_EVENTS,
            FunctionUnitPublished.class, Operation.PUBLISH, List.of(WORKSTATION), BOUNDED_RETRIES, StateObject.NONE),
    FUNCTION_UNIT_DEPLOYED("function-unit.deployed", 2, Topics.FUNCTION_UNIT_EVENTS,
            FunctionUnitDeployed.class, Operation.DEPLOY, List.of(ADMIN_CENTER), RETRY_UNTIL_APPLIED,
            StateObject.FUNCTION_UNIT),
    FUNCTION_UNIT_RETIRED("function-unit.retired", 1, Topics.FUNCTION_UNIT_EVENTS,
            FunctionUnitRetired.class, Operation.RETIRE, List.of(ADMIN_CENTER), RETRY_UNTIL_APPLIED,
            StateObject.FUNCTION_UNIT),

    USER_ACCOUNT_CREATED("user.account-created", 1, Topics.USER_PERMISSION_EVENTS,
            UserAccountCreated.class, Operation.CREATE, List.of(ADMIN_CENTER), RETRY_UNTIL_APPLIED, StateObject.USER),
    USER_ACCOUNT_STATUS_CHANGED("user.account-status-changed", 1, Topics.USER_PERMISSION_EVENTS,
            UserAccountStatusChanged.class, Operation.SET_STATUS, List.of(ADMIN_CENTER), RETRY_UNTIL_APPLIED,
            StateObject.USER_STATUS),
    PERMISSION_GRANTED("permission.granted", 1, Topics.USER_PERMISSION_EVENTS,
            PermissionGranted.class, Operation.GRANT, List.of(ADMIN_CENTER), RETRY_UNTIL_APPLIED,
            StateObject.USER_PERMISSION),
    PERMISSION_REVOKED("permission.revoked", 1, Topics.USER_PERMISSION_EVENTS,
            PermissionRevoked.class, Operation.REVOKE, List.of(ADMIN_CENTER), RETRY_UNTIL_APPLIED,
            StateObject.USER_PERMISSION),
    ROLE_ASSIGNED("role.assigned", 1, Topics.USER_PERMISSION_EVENTS,
            RoleAssigned.class, Operation.ASSIGN, List.of(ADMIN_CENTER), RETRY_UNTIL_APPLIED, StateObject.USER),

    WORKFLOW_EXECUTION_STARTED("workflow.execution-started", 1, Topics.WORKFLOW_EXECUTION_EVENTS,
            ExecutionStarted.class, Operation.START, List.of(PORTAL), BOUNDED_RETRIES, StateObject.NONE),
    WORKFLOW_STEP_COMPLETED("workflow.step-completed", 1, Topics.WORKFLOW_EXECUTION_EVENTS,
            StepCompleted.class, Operation.COMPLETE_STEP, List.of(PORTAL), BOUNDED_RETRIES, StateObject.NONE),
    WORKFLOW_EXECUTION_COMPLETED("workflow.execution-completed", 1, Topics.WORKFLOW_EXECUTION_EVENTS,
            ExecutionCompleted.class, Operation.COMPLETE, List.of(PORTAL), BOUNDED_RETRIES, StateObject.NONE),
    WORKFLOW_EXECUTION_FAILED("workflow.execution-failed", 1, Topics.WORKFLOW_EXECUTION_EVENTS,
            ExecutionFailed.class, Operation.FAIL, List.of(PORTAL), BOUNDED_RETRIES, StateObject.NONE),
    WORKFLOW_EXECUTION_INTERRUPTED("workflow.execution-interrupted", 1, Topics.WORKFLOW_EXECUTION_EVENTS,
            ExecutionInterrupted.class, Operation.INTERRUPT, List.of(PORTAL), BOUNDED_RETRIES, StateObject.NONE),

    NOTIFICATION_REQUESTED("notification.requested", 1, Topics.SYSTEM_NOTIFICATION_EVENTS,
            NotificationRequested.class, Operation.NOTIFY, List.of(ADMIN_CENTER, WORKSTATION, PORTAL, OPS_MIGRATOR),
            BOUNDED_RETRIES, StateObject.NONE),
    ALERT_RAISED("alert.raised", 1, Topics.SYSTEM_NOTIFICATION_EVENTS,
            AlertRaised.class, Operation.RAISE, List.of(ADMIN_CENTER, WORKSTATION, PORTAL, OPS_MIGRATOR),
            BOUNDED_RETRIES, StateObject.NONE),
    ALERT_RESOLVED("alert.resolved", 1, Topics.SYSTEM_NOTIFICATION_EVENTS,
            AlertResolved.class, Operation.RESOLVE, List.of(ADMIN_CENTER, WORKSTATION, PORTAL, OPS_MIGRATOR),
            BOUNDED_RETRIES, StateObject.NONE),

    // Every pod of every service reads this one from the start of its topic and applies the newest version in memory
    // (no inbox: it is not applied once per service but once per pod); a version is a full snapshot, so nothing is lost
    // by skipping older ones.
    CONFIGURATION_CHANGED("configuration.changed", 1, Topics.PLATFORM_OPERATIONS_EVENTS,
            ConfigurationChanged.class, Operation.CHANGE, List.of(ADMIN_CENTER), BOUNDED_RETRIES, StateObject.NONE),
    INCIDENT_RECORDED("incident.recorded", 1, Topics.PLATFORM_OPERATIONS_EVENTS,
            IncidentRecorded.class, Operation.RECORD, List.of(ADMIN_CENTER, WORKSTATION, PORTAL), BOUNDED_RETRIES,
            StateObject.NONE);

    /** Prefix of {@link #schemaUri(int)}; the full URI also names the type and version. */
    public static final String SCHEMA_URI_PREFIX = "urn:lowcode:schema:";
    /** Classpath folder holding {@code <type>/v<version>.json}. */
    public static final String SCHEMA_RESOURCE_ROOT = "io/lowcode/eventschema/schemas/";

    private static final Map<String, EventType> BY_TYPE = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private final String type;
    private final int currentVersion;
    private final String topic;
    private final Class<? extends EventPayload> payloadClass;
    private final Operation defaultOperation;
    private final List<SourceModule> producers;
    private final Delivery delivery;
    private final StateObject stateObject;

    EventType(String type, int currentVersion, String topic, Class<? extends EventPayload> payloadClass,
              Operation defaultOperation, List<SourceModule> producers, Delivery delivery, StateObject stateObject) {
        this.type = type;
        this.currentVersion = currentVersion;
        this.topic = topic;
        this.payloadClass = payloadClass;
        this.defaultOperation = defaultOperation;
        this.producers = producers;
        this.delivery = delivery;
        this.stateObject = stateObject;
    }

    /**
     * The type with CloudEvents {@code type} {@code type}.
     *
     * @throws InvalidEventException with {@link Reason#UNKNOWN_TYPE} on field {@code type} if there is none
     */
    public static EventType fromType(String type) {
        return find(type).orElseThrow(() -> new InvalidEventException("type", Reason.UNKNOWN_TYPE,
                "'" + type + "' is not an event type of the catalog"));
    }

    public static Optional<EventType> find(String type) {
        return Optional.ofNullable(type).map(BY_TYPE::get);
    }

    /** The CloudEvents {@code type}, e.g. {@code function-unit.published}. */
    public String type() {
        return type;
    }

    /** The version producers write and consumers bind to; older versions are upcast to it. */
    public int currentVersion() {
        return currentVersion;
    }

    /** The topic events of this type go to, one of {@link Topics}. */
    public String topic() {
        return topic;
    }

    /** The payload record of the current version. */
    public Class<? extends EventPayload> payloadClass() {
        return payloadClass;
    }

    public Operation defaultOperation() {
        return defaultOperation;
    }

    /** {@link Status#FAILED} for {@code workflow.execution-failed}, otherwise {@link Status#SUCCESS}. */
    public Status defaultStatus() {
        return this == WORKFLOW_EXECUTION_FAILED ? Status.FAILED : Status.SUCCESS;
    }

    /** Modules that may produce this type, the usual producer first. */
    public List<SourceModule> producers() {
        return producers;
    }

    /** The usual producer, the {@code source} of new envelopes. */
    public SourceModule defaultSource() {
        return producers.get(0);
    }

    /**
     * How consumers retry a transient failure to apply this type: {@link Delivery#RETRY_UNTIL_APPLIED} for the
     * security-relevant types (accounts, roles, permissions, deploy/retire), {@link Delivery#BOUNDED_RETRIES} else.
     */
    public Delivery delivery() {
        return delivery;
    }

    /** Whether a consumer retries a transient failure until the event is applied, never dead-lettering it for one. */
    public boolean retriesUntilApplied() {
        return delivery == Delivery.RETRY_UNTIL_APPLIED;
    }

    /** The object whose state an event of this type sets; consumers skip events older than the last one applied. */
    public StateObject stateObject() {
        return stateObject;
    }

    /** Versions a reader of this catalog accepts, oldest first. */
    public List<Integer> knownVersions() {
        return Stream.iterate(1, v -> v <= currentVersion, v -> v + 1).toList();
    }

    /** The {@code dataschema} URI of a version, e.g. {@code urn:lowcode:schema:function-unit.created:2}. */
    public String schemaUri(int version) {
        return SCHEMA_URI_PREFIX + type + ":" + version;
    }

    /** The classpath resource of a version's JSON Schema (no leading slash). */
    public String schemaResource(int version) {
        return SCHEMA_RESOURCE_ROOT + type + "/v" + version + ".json";
    }
}
