package io.lowcode.eventschema.payload;

/**
 * {@code function-unit.created} v2: a developer created a function unit.
 *
 * @param functionUnitId id of the function unit (the event subject)
 * @param name           display name
 * @param description    free text, or {@code null}
 * @param ownerId        the developer who created it
 * @param category       catalog category; {@value #UNCATEGORIZED} when none was chosen (and for v1 events)
 */
public record FunctionUnitCreated(String functionUnitId, String name, String description, String ownerId,
                                  String category) implements EventPayload {

    /** The category of function units created before categories existed (v1). */
    public static final String UNCATEGORIZED = "uncategorized";

    public FunctionUnitCreated {
        Payloads.required(functionUnitId, "functionUnitId");
    }
}
