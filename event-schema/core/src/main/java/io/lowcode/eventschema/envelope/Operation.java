package io.lowcode.eventschema.envelope;

/**
 * The business operation an event reports ({@code data.operation}). Each event type's schema lists
 * the operations it may carry; {@link io.lowcode.eventschema.EventType#defaultOperation()} is the usual one.
 */
public enum Operation {
    CREATE,
    PUBLISH,
    DEPLOY,
    RETIRE,
    GRANT,
    REVOKE,
    ASSIGN,
    SET_STATUS,
    START,
    COMPLETE_STEP,
    COMPLETE,
    FAIL,
    INTERRUPT,
    NOTIFY,
    RAISE,
    RESOLVE,
    /** A new version of the platform's managed configuration ({@code configuration.changed}). */
    CHANGE,
    /** A fact recorded for operations ({@code incident.recorded}). */
    RECORD,
    /**
     * Re-states the producer's current state of the object to repair a read model that drifted from it (a
     * reconciliation), on the state-setting types (accounts, roles, permissions, deploy/retire). Consumers apply it
     * like the type's usual operation but never tell people about it again (no welcome mail, no "deployed" notice).
     */
    RECONCILE
}
