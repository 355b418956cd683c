package io.lowcode.portal.function;

import static io.lowcode.portal.function.FunctionUnitEvents.deployed;
import static io.lowcode.portal.function.FunctionUnitEvents.inboxRows;
import static io.lowcode.portal.function.FunctionUnitEvents.retired;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.eventschema.payload.FunctionUnitRetired;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.portal.access.AccessEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A retired function stays retired when an older deployment of it arrives late (a replay from the dead-letter topic). */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class StaleDeploymentTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);

    @Test
    void anOlderDeploymentArrivingAfterTheRetirementDoesNotBringTheFunctionBack() {
        UUID id = UUID.randomUUID();
        try (FunctionUnitEvents events = new FunctionUnitEvents()) {
            EventEnvelope<FunctionUnitDeployed> deployment = deployed(id, "stale-deploy", "1.0.0");
            EventEnvelope<FunctionUnitRetired> retirement = retired(id, "stale-deploy", "1.0.0");
            events.send(deployment);
            events.send(retirement);
            await().atMost(APPLIED).until(() -> inboxRows(retirement.id()) == 1);

            // a second deployment event of the same version, dead-lettered before and replayed now: older
            EventEnvelope<FunctionUnitDeployed> replayed = deployed(id, "stale-deploy", "1.0.0")
                    .withTime(retirement.time().minusMillis(1));
            events.send(replayed);

            await().atMost(APPLIED).until(() -> inboxRows(replayed.id()) == 1);
            AccessEvents.asPowerUser().get("/api/v1/functions/{id}", id).then().statusCode(404);
        }
    }
}
