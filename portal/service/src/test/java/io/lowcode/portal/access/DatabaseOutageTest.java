package io.lowcode.portal.access;

import static io.lowcode.portal.access.AccessEvents.as;
import static io.lowcode.portal.access.AccessEvents.granted;
import static io.lowcode.portal.access.AccessEvents.newUser;
import static io.lowcode.portal.access.AccessEvents.revoked;
import static io.lowcode.portal.access.AccessEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Metrics;
import io.lowcode.localstack.testing.TopicReader;
import io.lowcode.portal.function.FunctionUnitEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The portal's database goes away for longer than the bounded retry budget (4 attempts, under a second): a
 * security-relevant event waits and is applied when the database is back, never dead-lettered; any other type is
 * dead-lettered after its budget, as before.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class DatabaseOutageTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static final String RETRIED_REVOCATIONS = "lowcode_events_retried_total{type=\"permission.revoked\"}";

    @Test
    void aRevocationConsumedWhileTheDatabaseIsDownIsAppliedWhenItIsBackAndNeverDeadLettered() {
        UUID user = newUser(List.of(Roles.USER));
        String permission = "report:" + user + ":read";
        send(granted(user, permission));
        await().atMost(APPLIED).untilAsserted(() -> as(user).get("/api/v1/me").then().statusCode(200)
                .body("permissions", equalTo(List.of(permission))));
        double retriedBefore = Metrics.value(RETRIED_REVOCATIONS);
        EventEnvelope<PermissionRevoked> revoke = revoked(user, permission);

        LocalStack stack = LocalStackTestResource.stack();
        stack.stopPostgres();
        try {
            send(revoke);
            // twice the attempts the bounded budget allows, all failed: it would have been dead-lettered long ago
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Metrics.value(RETRIED_REVOCATIONS) >= retriedBefore + 8);
        } finally {
            stack.startPostgres();
        }

        await().atMost(APPLIED).untilAsserted(() -> as(user).get("/api/v1/me").then().statusCode(200)
                .body("permissions", equalTo(List.of())));
        assertThat(FunctionUnitEvents.inboxRows(revoke.id())).isEqualTo(1);
        assertThat(deadLetters(Topics.USER_PERMISSION_EVENTS, user.toString())).isEmpty();
    }

    @Test
    void aPublishedVersionThatCannotBeStoredIsDeadLetteredAfterTheBoundedRetries() {
        UUID unit = UUID.randomUUID();
        EventEnvelope<FunctionUnitPublished> published = FunctionUnitEvents.published(unit, "outage-" + unit, "1.0.0",
                JsonNodeFactory.instance.objectNode().set("steps", JsonNodeFactory.instance.arrayNode()));

        LocalStack stack = LocalStackTestResource.stack();
        stack.stopPostgres();
        try (FunctionUnitEvents events = new FunctionUnitEvents()) {
            events.send(published);
            await().atMost(APPLIED).until(() -> !deadLetters(Topics.FUNCTION_UNIT_EVENTS, unit.toString()).isEmpty());
        } finally {
            stack.startPostgres();
        }

        ConsumerRecord<String, byte[]> dead = deadLetters(Topics.FUNCTION_UNIT_EVENTS, unit.toString()).get(0);
        assertThat(TopicReader.header(dead, DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_RETRIES_EXHAUSTED);
        assertThat(TopicReader.header(dead, DeadLetters.ATTEMPTS)).isEqualTo("4");
        assertThat(TopicReader.header(dead, DeadLetters.CONSUMER)).isEqualTo("available-functions");
        assertThat(FunctionUnitEvents.inboxRows(published.id())).isZero();
    }

    /** Dead letters of {@code topic} with {@code key}, reading its dead-letter topic to the end. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key) {
        try (TopicReader reader = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                Topics.deadLetterOf(topic))) {
            return reader.readToEnd().stream().filter(record -> key.equals(record.key())).toList();
        }
    }
}
