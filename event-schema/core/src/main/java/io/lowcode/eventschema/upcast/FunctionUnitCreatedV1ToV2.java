package io.lowcode.eventschema.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.payload.FunctionUnitCreated;

/** {@code function-unit.created} v1 → v2: v2 requires {@code category}; v1 units were uncategorized. */
public final class FunctionUnitCreatedV1ToV2 implements Upcaster {

    @Override
    public EventType type() {
        return EventType.FUNCTION_UNIT_CREATED;
    }

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
        ObjectNode payload = data.withObjectProperty("payload");
        if (!payload.hasNonNull("category")) {
            payload.put("category", FunctionUnitCreated.UNCATEGORIZED);
        }
        return data;
    }
}
