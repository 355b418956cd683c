package io.lowcode.eventschema.payload;

/**
 * {@code function-unit.retired} v1: a deployed version was retired.
 *
 * @param functionUnitId id of the function unit (the event subject)
 * @param name           display name
 * @param version        the retired version
 * @param reason         why, or {@code null}
 * @param retiredBy      administrator who retired it
 */
public record FunctionUnitRetired(String functionUnitId, String name, String version, String reason,
                                  String retiredBy) implements EventPayload {

    public FunctionUnitRetired {
        Payloads.required(functionUnitId, "functionUnitId");
    }
}
