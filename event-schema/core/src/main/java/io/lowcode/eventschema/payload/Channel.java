package io.lowcode.eventschema.payload;

/** Where a notification is delivered. */
public enum Channel {
    EMAIL,
    SMS,
    IM
}
