package io.lowcode.portal.access;

import static io.lowcode.portal.access.AccessEvents.as;
import static io.lowcode.portal.access.AccessEvents.granted;
import static io.lowcode.portal.access.AccessEvents.newUser;
import static io.lowcode.portal.access.AccessEvents.revoked;
import static io.lowcode.portal.access.AccessEvents.rolesAssigned;
import static io.lowcode.portal.access.AccessEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.EventSender;
import io.lowcode.localstack.testing.TopicReader;
import io.lowcode.portal.function.FunctionUnitEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The portal's side of users, roles and permissions: accounts activated, grants and revocations applied from
 * user-permission-events on the real Kafka, and every function request checked against them.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class PermissionCacheTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);

    private final FunctionUnitEvents functions = new FunctionUnitEvents();
    private UUID unit;
    private UUID otherUnit;

    @BeforeEach
    void deployTwoUnits() {
        unit = deploy("approve-leave");
        otherUnit = deploy("book-travel");
    }

    private UUID deploy(String name) {
        UUID id = UUID.randomUUID();
        functions.send(FunctionUnitEvents.deployed(id, name, "1.0.0"));
        await().atMost(APPLIED).untilAsserted(() -> AccessEvents.asPowerUser().get("/api/v1/functions/{id}", id)
                .then().statusCode(200));
        return id;
    }

    @AfterEach
    void close() {
        functions.close();
    }

    @Test
    void aNewAccountIsActiveAtOnceWithAPersonalSpaceAndNoFunctions() {
        UUID user = newUser(List.of(Roles.USER));
        as(user).get("/api/v1/me").then().statusCode(200)
                .body("userId", equalTo(user.toString()))
                .body("status", equalTo("ACTIVE"))
                .body("personalSpaceId", notNullValue())
                .body("roles", equalTo(List.of(Roles.USER)))
                .body("permissions", equalTo(List.of()));
        assertThat(listed(user)).isEmpty();
        as(user).get("/api/v1/functions/{id}", unit).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lowcode:problem:permission-required"))
                .body("permission", equalTo("function-unit:" + unit + ":execute"));
    }

    @Test
    void grantedFunctionIsListedAndUsableAndRevokedOneIsDeniedOnTheNextRequest() {
        UUID user = newUser(List.of(Roles.USER));
        String permission = "function-unit:" + unit + ":execute";
        send(granted(user, permission));
        await().atMost(APPLIED).untilAsserted(() -> as(user).get("/api/v1/functions/{id}", unit).then().statusCode(200)
                .body("name", equalTo("approve-leave")));
        assertThat(listed(user)).containsExactly(unit.toString());
        as(user).get("/api/v1/functions/{id}", otherUnit).then().statusCode(403);
        as(user).get("/api/v1/me").then().body("permissions", equalTo(List.of(permission)));

        send(revoked(user, permission));
        await().atMost(APPLIED).untilAsserted(() -> as(user).get("/api/v1/functions/{id}", unit).then().statusCode(403)
                .body("permission", equalTo(permission)));
        assertThat(listed(user)).isEmpty();
    }

    @Test
    void rolesAddTheirGrantsAndTakeThemAwayWhenChanged() {
        UUID user = newUser(List.of(Roles.USER));
        send(rolesAssigned(user, List.of(Roles.POWER_USER, Roles.USER), List.of(Roles.USER)));
        await().atMost(APPLIED).untilAsserted(() -> assertThat(listed(user)).contains(unit.toString(), otherUnit.toString()));
        as(user).get("/api/v1/me").then().body("permissions", equalTo(List.of("function-unit:*:execute")));

        send(rolesAssigned(user, List.of(Roles.USER), List.of(Roles.POWER_USER, Roles.USER)));
        await().atMost(APPLIED).untilAsserted(() -> as(user).get("/api/v1/functions/{id}", unit).then().statusCode(403));
        assertThat(listed(user)).isEmpty();
    }

    @Test
    void grantRevokeGrantInQuickSuccessionEndsInTheStateOfTheLastEvent() {
        UUID user = newUser(List.of(Roles.USER));
        String permission = "function-unit:" + unit + ":execute";
        String other = "function-unit:" + otherUnit + ":execute";
        send(granted(user, permission), revoked(user, permission), granted(user, permission),
                granted(user, other), revoked(user, other));
        // the marker: the last event for the user; once applied, so is everything before it on the partition
        EventEnvelope<PermissionGranted> marker = granted(user, "report:*:read");
        send(marker);
        await().atMost(APPLIED).until(() -> FunctionUnitEvents.inboxRows(marker.id()) == 1);
        as(user).get("/api/v1/functions/{id}", unit).then().statusCode(200);
        as(user).get("/api/v1/functions/{id}", otherUnit).then().statusCode(403);
        as(user).get("/api/v1/me").then().body("permissions", equalTo(List.of(permission, "report:*:read")));
    }

    @Test
    void aRedeliveredGrantIsAppliedOnceAndDoesNotUndoALaterRevocation() {
        UUID user = newUser(List.of(Roles.USER));
        String permission = "function-unit:" + unit + ":execute";
        EventEnvelope<PermissionGranted> grant = granted(user, permission);
        byte[] record = EventCodec.shared().serialize(grant);
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers())) {
            sender.send(Topics.USER_PERMISSION_EVENTS, null, user.toString(), record);
            sender.send(Topics.USER_PERMISSION_EVENTS, null, user.toString(), record);
            sender.send(revoked(user, permission));
            sender.send(Topics.USER_PERMISSION_EVENTS, null, user.toString(), record); // a late redelivery
        }
        EventEnvelope<PermissionGranted> marker = granted(user, "report:*:read");
        send(marker);
        await().atMost(APPLIED).until(() -> FunctionUnitEvents.inboxRows(marker.id()) == 1);
        assertThat(FunctionUnitEvents.inboxRows(grant.id())).isEqualTo(1);
        as(user).get("/api/v1/functions/{id}", unit).then().statusCode(403);
    }

    @Test
    void poisonAccessEventsAreDeadLetteredAndTheValidOneBehindThemIsApplied() {
        UUID user = newUser(List.of(Roles.USER));
        byte[] notJson = "{granted: yes".getBytes(StandardCharsets.UTF_8);
        EventEnvelope<PermissionGranted> notAUser = EventEnvelope.of(io.lowcode.eventschema.EventType.PERMISSION_GRANTED,
                user.toString(), new PermissionGranted("someone-else", "function-unit:*:execute", "admin-1"))
                .withSource(io.lowcode.eventschema.SourceModule.ADMIN_CENTER);
        RecordMetadata malformed;
        RecordMetadata mismatched;
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers())) {
            malformed = sender.send(Topics.USER_PERMISSION_EVENTS, null, user.toString(), notJson);
            mismatched = sender.send(notAUser);
            sender.send(granted(user, "function-unit:" + unit + ":execute"));
        }
        await().atMost(APPLIED).untilAsserted(() -> as(user).get("/api/v1/functions/{id}", unit).then().statusCode(200));
        as(user).get("/api/v1/functions/{id}", otherUnit).then().statusCode(403);

        try (TopicReader dlq = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                Topics.USER_PERMISSION_EVENTS + ".dlq")) {
            await().atMost(APPLIED).until(() -> dlq.matching(r -> user.toString().equals(r.key())).size() == 2);
            List<ConsumerRecord<String, byte[]>> letters = dlq.matching(r -> user.toString().equals(r.key()));
            assertThat(letters).extracting(r -> TopicReader.header(r, "dead-letter-offset"))
                    .containsExactly(Long.toString(malformed.offset()), Long.toString(mismatched.offset()));
            assertThat(TopicReader.header(letters.get(0), DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_INVALID);
            assertThat(TopicReader.header(letters.get(1), DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_PERMANENT);
            assertThat(TopicReader.header(letters.get(1), DeadLetters.CONSUMER)).isEqualTo("access");
        }
    }

    @Test
    void aTokenForAUserThePortalDoesNotKnowSeesNothing() {
        UUID stranger = UUID.randomUUID();
        as(stranger).get("/api/v1/me").then().statusCode(404)
                .body("type", equalTo("urn:lowcode:problem:account-not-provisioned"));
        assertThat(listed(stranger)).isEmpty();
        io.lowcode.localstack.testing.Authorized.as(Roles.ADMIN).get("/api/v1/functions").then().statusCode(403);
    }

    private static List<String> listed(UUID user) {
        return as(user).get("/api/v1/functions").then().statusCode(200).extract().jsonPath()
                .getList("functionUnitId", String.class);
    }
}
