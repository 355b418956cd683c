package io.lowcode.eventschema.payload;

/**
 * The typed payload ({@code data.payload}) of an event type's current version. One record per
 * event type; {@link io.lowcode.eventschema.EventType#payloadClass()} says which. The JSON Schema of
 * the type is the contract; the records check only what they cannot work without.
 */
public sealed interface EventPayload
        permits FunctionUnitCreated, FunctionUnitPublished, FunctionUnitDeployed, FunctionUnitRetired,
        UserAccountCreated, UserAccountStatusChanged, PermissionGranted, PermissionRevoked, RoleAssigned,
        ExecutionStarted, StepCompleted, ExecutionCompleted, ExecutionFailed, ExecutionInterrupted,
        NotificationRequested, AlertRaised, AlertResolved, ConfigurationChanged, IncidentRecorded {
}
