package io.lowcode.admincenter.functionunit.service;

import io.lowcode.admincenter.api.Deployment;
import io.lowcode.admincenter.api.FunctionUnitSummary;
import io.lowcode.admincenter.api.PendingDeployment;
import io.lowcode.admincenter.api.Retirement;
import io.lowcode.admincenter.functionunit.persistence.DeploymentEntity;
import io.lowcode.admincenter.functionunit.persistence.FunctionUnitEntity;
import io.lowcode.admincenter.functionunit.persistence.FunctionUnitVersionEntity;

/** The one place where function-unit entities become the API's DTOs. */
final class FunctionUnitViews {

    private FunctionUnitViews() {
    }

    static FunctionUnitSummary summary(FunctionUnitEntity unit) {
        return new FunctionUnitSummary(unit.functionUnitId, unit.name, unit.description, unit.ownerId, unit.category,
                unit.status, unit.latestVersion, unit.deployedVersion, unit.createdAt, unit.updatedAt);
    }

    static PendingDeployment pending(FunctionUnitVersionEntity version, FunctionUnitEntity unit) {
        return new PendingDeployment(version.functionUnitId, unit.name, version.version, version.changelog,
                version.contentDigest, version.publishedAt);
    }

    static Deployment deployment(DeploymentEntity deployment) {
        return new Deployment(deployment.id.toString(), deployment.functionUnitId, deployment.version,
                deployment.environment, deployment.deployedBy, deployment.deployedAt);
    }

    static Retirement retirement(DeploymentEntity deployment) {
        return new Retirement(deployment.functionUnitId, deployment.version, deployment.retiredAt,
                deployment.retirementReason);
    }
}
