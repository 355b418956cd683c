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

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.PermissionGranted;
import io.lowcode.eventschema.payload.PermissionRevoked;
import io.lowcode.eventschema.payload.RoleAssigned;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Metrics;
import io.lowcode.portal.function.FunctionUnitEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A late or replayed access event never undoes a newer change: per user and permission (and per user for roles and
 * accounts) the cache keeps the position of the last change applied and skips older ones — counted and logged as
 * stale. Events with a new id and an older time stand for a replay from the dead-letter topic (a replay keeps the
 * original id and time but gets a new Kafka offset).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class StaleAccessEventsTest {

    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static final String STALE_GRANTS =
            "lowcode_events_consumed_total{outcome=\"stale\",type=\"permission.granted\"}";

    @Test
    void anOlderGrantArrivingAfterTheRevocationLeavesThePermissionRevoked() {
        UUID user = newUser(List.of(Roles.USER));
        String permission = "report:" + user + ":read";
        EventEnvelope<PermissionGranted> grant = granted(user, permission);
        EventEnvelope<PermissionRevoked> revoke = revoked(user, permission);
        send(grant, revoke);
        await().atMost(APPLIED).until(() -> FunctionUnitEvents.inboxRows(revoke.id()) == 1);
        double staleBefore = Metrics.value(STALE_GRANTS);

        // the grant that a consumer of an older release dead-lettered, replayed after the revocation
        EventEnvelope<PermissionGranted> replayed = granted(user, permission).withTime(revoke.time().minusMillis(1));
        send(replayed);

        await().atMost(APPLIED).until(() -> FunctionUnitEvents.inboxRows(replayed.id()) == 1);
        as(user).get("/api/v1/me").then().statusCode(200).body("permissions", equalTo(List.of()));
        assertThat(Metrics.value(STALE_GRANTS)).isEqualTo(staleBefore + 1);
    }

    @Test
    void anOlderGrantOfAnotherPermissionIsStillApplied() {
        UUID user = newUser(List.of(Roles.USER));
        String read = "report:" + user + ":read";
        String write = "report:" + user + ":write";
        EventEnvelope<PermissionGranted> olderGrantOfWrite = granted(user, write);
        EventEnvelope<PermissionGranted> grantRead = granted(user, read);
        EventEnvelope<PermissionRevoked> revokeRead = revoked(user, read);
        send(grantRead, revokeRead);
        await().atMost(APPLIED).until(() -> FunctionUnitEvents.inboxRows(revokeRead.id()) == 1);

        send(olderGrantOfWrite); // older than the revocation of another permission: a different object

        await().atMost(APPLIED).untilAsserted(() -> as(user).get("/api/v1/me").then().statusCode(200)
                .body("permissions", equalTo(List.of(write))));
    }

    @Test
    void anOlderRoleAssignmentDoesNotTakeAwayTheRolesGivenAfterIt() {
        UUID user = newUser(List.of(Roles.USER));
        EventEnvelope<RoleAssigned> older = rolesAssigned(user, List.of(Roles.USER), List.of(Roles.USER));
        EventEnvelope<RoleAssigned> newer = rolesAssigned(user, List.of(Roles.POWER_USER, Roles.USER), List.of(Roles.USER));
        send(newer);
        await().atMost(APPLIED).until(() -> FunctionUnitEvents.inboxRows(newer.id()) == 1);

        send(older);

        await().atMost(APPLIED).until(() -> FunctionUnitEvents.inboxRows(older.id()) == 1);
        as(user).get("/api/v1/me").then().statusCode(200)
                .body("roles", equalTo(List.of(Roles.POWER_USER, Roles.USER)));
    }

    @Test
    void theSameTimeIsOrderedByEventIdSoEveryConsumerDecidesAlike() {
        UUID user = newUser(List.of(Roles.USER));
        String permission = "report:" + user + ":read";
        EventEnvelope<PermissionGranted> grant = granted(user, permission);
        EventEnvelope<PermissionRevoked> revoke = revoked(user, permission).withTime(grant.time());
        boolean revokeWins = pgUuidGreater(revoke.id(), grant.id());
        send(revoke, grant); // whatever the arrival order, the greater id wins the tie

        await().atMost(APPLIED).until(() -> FunctionUnitEvents.inboxRows(grant.id()) == 1);
        as(user).get("/api/v1/me").then().statusCode(200)
                .body("permissions", equalTo(revokeWins ? List.of() : List.of(permission)));
    }

    /** PostgreSQL orders UUIDs by their bytes, as unsigned: the same as comparing the lower-case hex text. */
    private static boolean pgUuidGreater(String a, String b) {
        return a.toLowerCase().compareTo(b.toLowerCase()) > 0;
    }
}
