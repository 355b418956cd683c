package io.lowcode.eventschema.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.eventschema.EventType;

/**
 * {@code function-unit.deployed} v1 → v2: v2 may carry {@code contentDigest}; a v1 deployment did not name the
 * approved content, so it stays absent (the portal then runs the version's definition as published).
 */
public final class FunctionUnitDeployedV1ToV2 implements Upcaster {

    @Override
    public EventType type() {
        return EventType.FUNCTION_UNIT_DEPLOYED;
    }

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
        return data;
    }
}
