package io.lowcode.admincenter.api;

import java.time.Instant;

/**
 * A deployment of one version of a function unit.
 *
 * @param deploymentId   id of the deployment
 * @param functionUnitId the unit
 * @param version        the deployed version
 * @param environment    target environment, {@code production}
 * @param deployedBy     the admin who deployed it
 * @param deployedAt     when
 */
public record Deployment(String deploymentId, String functionUnitId, String version, String environment,
        String deployedBy, Instant deployedAt) {
}
