package io.lowcode.eventschema.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;

/**
 * Turns the {@code data} of one event type from {@link #fromVersion()} into {@code fromVersion() + 1}.
 * One upcaster per step; {@link UpcasterRegistry} chains them up to the current version and keeps
 * {@code eventversion} and {@code dataschema} in step, so an upcaster only rewrites {@code data}.
 * Implementations are stateless and thread-safe.
 */
public interface Upcaster {

    /** The event type this upcaster rewrites. */
    EventType type();

    /** The version it reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    /**
     * @param data the {@code data} object ({@code operation}, {@code status}, {@code payload}) of a
     *             schema-valid event at {@link #fromVersion()}; a private copy the upcaster may modify
     * @return the {@code data} object at {@code fromVersion() + 1}
     */
    ObjectNode upcast(ObjectNode data);
}
