package io.lowcode.eventschema.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exactly one {@link Upcaster} per step {@code v → v+1} of every event type whose current version
 * is above 1, checked when the registry is built. Immutable and thread-safe.
 */
public final class UpcasterRegistry {

    private final Map<Step, Upcaster> steps;

    /**
     * @throws IllegalArgumentException if two upcasters cover the same step, one starts outside
     *                                  {@code 1..currentVersion-1}, or a step of some type is missing
     */
    public UpcasterRegistry(List<? extends Upcaster> upcasters) {
        Map<Step, Upcaster> byStep = new HashMap<>();
        for (Upcaster upcaster : upcasters) {
            EventType type = Objects.requireNonNull(upcaster.type(), "upcaster type");
            int from = upcaster.fromVersion();
            if (from < 1 || from >= type.currentVersion()) {
                throw new IllegalArgumentException(upcaster.getClass().getName() + " upcasts " + type.type()
                        + " from version " + from + ", outside 1.." + (type.currentVersion() - 1));
            }
            Upcaster previous = byStep.put(new Step(type, from), upcaster);
            if (previous != null) {
                throw new IllegalArgumentException("two upcasters for " + type.type() + " v" + from + ": "
                        + previous.getClass().getName() + " and " + upcaster.getClass().getName());
            }
        }
        for (EventType type : EventType.values()) {
            for (int from = 1; from < type.currentVersion(); from++) {
                if (!byStep.containsKey(new Step(type, from))) {
                    throw new IllegalArgumentException("no upcaster for " + type.type() + " v" + from + " → v"
                            + (from + 1));
                }
            }
        }
        this.steps = Map.copyOf(byStep);
    }

    /** The upcasters of this catalog. */
    public static UpcasterRegistry defaults() {
        return new UpcasterRegistry(List.of(new FunctionUnitCreatedV1ToV2(), new FunctionUnitDeployedV1ToV2()));
    }

    /**
     * Brings an envelope of {@code type} at {@code version} to the current version: each step rewrites
     * a copy of {@code data}, then {@code eventversion} and {@code dataschema} are set to match.
     *
     * @param envelope a schema-valid envelope at {@code version}; not modified
     * @return the envelope at the current version (the same instance when already current)
     */
    public ObjectNode upcast(EventType type, int version, ObjectNode envelope) {
        if (version >= type.currentVersion()) {
            return envelope;
        }
        ObjectNode result = envelope.deepCopy();
        for (int from = version; from < type.currentVersion(); from++) {
            ObjectNode next = steps.get(new Step(type, from)).upcast((ObjectNode) result.get("data"));
            result.set("data", Objects.requireNonNull(next, "upcaster returned null"));
        }
        result.put("eventversion", type.currentVersion());
        result.put("dataschema", type.schemaUri(type.currentVersion()));
        return result;
    }

    private record Step(EventType type, int fromVersion) {
    }
}
