package io.lowcode.eventschema.payload;

/**
 * {@code function-unit.deployed} v1: admin-center deployed (status SUCCESS) or failed to deploy
 * (status FAILED) a published version.
 *
 * @param functionUnitId id of the function unit (the event subject)
 * @param name           display name
 * @param version        the deployed version
 * @param environment    target environment, e.g. {@code production}
 * @param deployedBy     administrator who deployed it
 * @param deploymentId   id of the deployment record in admin-center
 */
public record FunctionUnitDeployed(String functionUnitId, String name, String version, String environment,
                                   String deployedBy, String deploymentId) implements EventPayload {

    public FunctionUnitDeployed {
        Payloads.required(functionUnitId, "functionUnitId");
    }
}
