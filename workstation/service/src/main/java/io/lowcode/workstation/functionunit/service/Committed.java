package io.lowcode.workstation.functionunit.service;

import java.util.List;

import io.lowcode.eventschema.runtime.messaging.PendingEvent;

/**
 * The result of a committed change and the events it wrote to the outbox, for the caller to publish.
 */
public record Committed<T>(T value, List<PendingEvent> events) {
}
