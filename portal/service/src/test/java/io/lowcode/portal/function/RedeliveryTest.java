package io.lowcode.portal.function;

import static io.lowcode.portal.function.FunctionUnitEvents.deployed;
import static io.lowcode.portal.function.FunctionUnitEvents.inboxRows;
import static io.lowcode.portal.function.FunctionUnitEvents.retired;
import static io.lowcode.portal.function.FunctionUnitEvents.serialize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lowcode.portal.access.AccessEvents;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitDeployed;
import io.lowcode.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Kafka delivers at least once; the inbox makes the portal apply each event once. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class RedeliveryTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);

    private FunctionUnitEvents events;

    @BeforeEach
    void connect() {
        events = new FunctionUnitEvents();
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void lateRedeliveryOfADeploymentDoesNotBringARetiredFunctionBack() {
        UUID id = UUID.randomUUID();
        EventEnvelope<FunctionUnitDeployed> deployment = deployed(id, "expense-claim", "1.0.0");
        byte[] record = serialize(deployment);

        events.send(deployment.subject(), record);
        events.send(deployment.subject(), record);
        await().atMost(APPLIED).untilAsserted(() -> AccessEvents.asPowerUser().get("/api/v1/functions/{id}", id).then().statusCode(200));

        events.send(retired(id, "expense-claim", "1.0.0"));
        await().atMost(APPLIED).untilAsserted(() -> AccessEvents.asPowerUser().get("/api/v1/functions/{id}", id).then().statusCode(404));

        RecordMetadata late = events.send(deployment.subject(), record);
        // A marker behind the late copy on the same partition: once it is applied, so is (or skipped) the copy.
        UUID marker = UUID.randomUUID();
        events.sendTo(late.partition(), deployed(marker, "redelivery-marker", "1.0.0"));
        await().atMost(APPLIED).untilAsserted(() ->
                AccessEvents.asPowerUser().get("/api/v1/functions/{id}", marker).then().statusCode(200));

        AccessEvents.asPowerUser().get("/api/v1/functions/{id}", id).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:not-found"));
        assertThat(inboxRows(deployment.id())).as("inbox rows of the thrice-delivered event").isEqualTo(1);
    }
}
