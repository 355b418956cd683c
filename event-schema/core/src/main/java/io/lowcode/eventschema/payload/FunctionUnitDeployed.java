package io.lowcode.eventschema.payload;

/**
 * {@code function-unit.deployed} v2: admin-center deployed (status SUCCESS) or failed to deploy
 * (status FAILED) a published version. v2 adds {@code contentDigest}.
 *
 * @param functionUnitId id of the function unit (the event subject)
 * @param name           display name
 * @param version        the deployed version
 * @param environment    target environment, e.g. {@code production}
 * @param deployedBy     administrator who deployed it
 * @param deploymentId   id of the deployment record in admin-center
 * @param contentDigest  SHA-256 of the approved definition ({@code null} when upcast from v1): the portal runs the
 *                       version only when its definition has this digest
 */
public record FunctionUnitDeployed(String functionUnitId, String name, String version, String environment,
                                   String deployedBy, String deploymentId, String contentDigest) implements EventPayload {

    public FunctionUnitDeployed {
        Payloads.required(functionUnitId, "functionUnitId");
    }
}
