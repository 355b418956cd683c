package io.lowcode.eventschema.payload;

/** How urgent a notification or alert is. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
