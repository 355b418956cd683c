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
    RESOLVE
}
