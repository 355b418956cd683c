package io.lowcode.eventschema.envelope;

/** The result of the operation an event reports ({@code data.status}). */
public enum Status {
    SUCCESS,
    FAILED
}
