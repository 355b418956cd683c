package io.lowcode.admincenter.ops.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.notification.NotifierPeers;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * The evaluator against the real database, Kafka and notifier peers, driven by {@link SwitchRule} (evaluated every
 * second in tests): one alert.raised per firing, one alert.resolved when it clears, silences, acknowledgements, one
 * evaluator at a time, and every bad input.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(NotifierPeers.class)
class AlertEvaluatorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Three evaluations: long enough to see that nothing is sent twice. */
    private static final Duration SEVERAL_EVALUATIONS = Duration.ofSeconds(3);

    @Inject
    AlertStore store;

    @Inject
    Pool pool;

    private static TopicReader notifications;

    @BeforeAll
    static void read() {
        notifications = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                Topics.SYSTEM_NOTIFICATION_EVENTS);
    }

    @AfterAll
    static void close() {
        notifications.close();
    }

    @AfterEach
    void switchOff() {
        SwitchRule.ON.clear();
        SwitchRule.broken = false;
    }

    @Test
    void aConditionRaisesOneAlertThatIsNotifiedOnceAndResolvedOnceWhenItClears() {
        String target = "t-" + suffix();
        SwitchRule.ON.add(target);
        String id = awaitFiring(target);
        Map<String, Object> alert = firing(target);
        assertThat(alert).containsEntry("severity", "WARNING").containsEntry("notified", true)
                .containsEntry("evidence", Map.of("target", target, "switch", "on"));

        // the notifier delivered it to the IM bots; the event went out exactly once
        await().atMost(WAIT).until(() -> !NotifierPeers.received("/bots/generic").stream()
                .filter(r -> r.body().contains(id) && r.body().contains("alert-raised")).toList().isEmpty());
        await().during(SEVERAL_EVALUATIONS).atMost(SEVERAL_EVALUATIONS.plusSeconds(5))
                .until(() -> events(id, EventType.ALERT_RAISED).size() == 1);

        SwitchRule.ON.remove(target);
        await().atMost(WAIT).untilAsserted(() -> Authorized.as(Roles.ADMIN)
                .get("/api/v1/ops/alerts/history?rule=test-switch&status=RESOLVED&size=200").then().statusCode(200)
                .body("items.id", hasItem(id)));
        await().atMost(WAIT).until(() -> !NotifierPeers.received("/bots/generic").stream()
                .filter(r -> r.body().contains(id) && r.body().contains("alert-resolved")).toList().isEmpty());
        await().during(SEVERAL_EVALUATIONS).atMost(SEVERAL_EVALUATIONS.plusSeconds(5))
                .until(() -> events(id, EventType.ALERT_RESOLVED).size() == 1 && events(id, EventType.ALERT_RAISED).size() == 1);
        assertThat(Authorized.as(Roles.OPS).get("/api/v1/ops/alerts").then().extract().jsonPath()
                .getList("id", String.class)).doesNotContain(id);
    }

    @Test
    void aRuleThatCannotBeEvaluatedNeitherResolvesNorRaises() {
        String target = "t-" + suffix();
        SwitchRule.ON.add(target);
        String id = awaitFiring(target);
        SwitchRule.broken = true;
        SwitchRule.ON.clear();
        await().during(SEVERAL_EVALUATIONS).atMost(SEVERAL_EVALUATIONS.plusSeconds(5))
                .until(() -> firing(target) != null && id.equals(firing(target).get("id")));
        SwitchRule.broken = false;
        await().atMost(WAIT).until(() -> events(id, EventType.ALERT_RESOLVED).size() == 1);
    }

    @Test
    void aSilencedAlertIsRecordedButNotifiedOnlyWhenTheSilenceEndsWhileItStillFires() {
        String target = "t-" + suffix();
        String silence = Authorized.as(Roles.OPS).contentType(ContentType.JSON).body(Map.of("rule", SwitchRule.NAME,
                        "target", target, "endsAt", Instant.now().plusSeconds(600).toString(), "reason", "maintenance"))
                .post("/api/v1/ops/alerts/silences").then().statusCode(201)
                .body("createdBy", equalTo("test-ops")).extract().jsonPath().getString("id");
        assertThat(Authorized.as(Roles.ADMIN).get("/api/v1/ops/alerts/silences").then().statusCode(200).extract()
                .jsonPath().getList("id", String.class)).contains(silence);

        SwitchRule.ON.add(target);
        String id = awaitFiring(target);
        assertThat(firing(target)).containsEntry("notified", false);
        await().during(SEVERAL_EVALUATIONS).atMost(SEVERAL_EVALUATIONS.plusSeconds(5))
                .until(() -> events(id, EventType.ALERT_RAISED).isEmpty());

        Authorized.as(Roles.OPS).delete("/api/v1/ops/alerts/silences/{id}", silence).then().statusCode(204);
        Authorized.as(Roles.OPS).delete("/api/v1/ops/alerts/silences/{id}", silence).then().statusCode(404);
        await().atMost(WAIT).until(() -> events(id, EventType.ALERT_RAISED).size() == 1);
        assertThat(firing(target)).containsEntry("notified", true).containsEntry("id", id);

        // silenced and cleared before the silence ends: nothing is ever sent
        String quiet = "t-" + suffix();
        Authorized.as(Roles.OPS).contentType(ContentType.JSON).body(Map.of("rule", SwitchRule.NAME, "target", quiet,
                "endsAt", Instant.now().plusSeconds(600).toString(), "reason", "known")).post("/api/v1/ops/alerts/silences")
                .then().statusCode(201);
        SwitchRule.ON.add(quiet);
        String quietId = awaitFiring(quiet);
        SwitchRule.ON.remove(quiet);
        await().atMost(WAIT).untilAsserted(() -> Authorized.as(Roles.OPS)
                .get("/api/v1/ops/alerts/history?status=RESOLVED&rule=test-switch&size=200").then()
                .body("items.id", hasItem(quietId)));
        assertThat(events(quietId, EventType.ALERT_RAISED)).isEmpty();
        assertThat(events(quietId, EventType.ALERT_RESOLVED)).isEmpty();
    }

    @Test
    void acknowledgingRecordsWhoFirstAndAResolvedAlertCannotBeAcknowledged() {
        String target = "t-" + suffix();
        SwitchRule.ON.add(target);
        String id = awaitFiring(target);
        Authorized.asUser("olga", Roles.OPS).post("/api/v1/ops/alerts/{id}/acknowledge", id).then().statusCode(200)
                .body("acknowledgedBy", equalTo("olga")).body("status", equalTo("FIRING"));
        Authorized.asUser("oscar", Roles.OPS).post("/api/v1/ops/alerts/{id}/acknowledge", id).then().statusCode(200)
                .body("acknowledgedBy", equalTo("olga"));
        Authorized.as(Roles.ADMIN).post("/api/v1/ops/alerts/{id}/acknowledge", id).then().statusCode(403);
        SwitchRule.ON.remove(target);
        await().atMost(WAIT).until(() -> events(id, EventType.ALERT_RESOLVED).size() == 1);
        Authorized.as(Roles.OPS).post("/api/v1/ops/alerts/{id}/acknowledge", id).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:lowcode:problem:alert-resolved"));
        Authorized.as(Roles.OPS).post("/api/v1/ops/alerts/{id}/acknowledge", UUID.randomUUID()).then().statusCode(404);
        Authorized.as(Roles.OPS).post("/api/v1/ops/alerts/{id}/acknowledge", "not-a-uuid").then().statusCode(400)
                .body("errors.field", hasItem("id"));
    }

    @Test
    void oneEvaluatorHoldsTheLeaseUntilItLetsGoOrItRunsOut() {
        String lease = "test-lease-" + suffix();
        pool.preparedQuery("INSERT INTO ops_alert_lease (name, holder, expires_at) VALUES ($1, NULL, '-infinity')")
                .execute(Tuple.of(lease)).await().atMost(WAIT);
        EvaluatorLease a = new EvaluatorLease(pool, "pod-a", lease);
        EvaluatorLease b = new EvaluatorLease(pool, "pod-b", lease);
        assertThat(a.acquire(Duration.ofSeconds(30)).await().atMost(WAIT)).isTrue();
        assertThat(b.acquire(Duration.ofSeconds(30)).await().atMost(WAIT)).isFalse();
        assertThat(a.acquire(Duration.ofSeconds(30)).await().atMost(WAIT)).isTrue();
        a.release().await().atMost(WAIT);
        assertThat(b.acquire(Duration.ofMillis(300)).await().atMost(WAIT)).isTrue();
        assertThat(a.acquire(Duration.ofSeconds(30)).await().atMost(WAIT)).isFalse();
        // pod-b dies: its lease runs out and pod-a takes over
        await().atMost(WAIT).until(() -> a.acquire(Duration.ofSeconds(30)).await().atMost(WAIT));
        assertThat(b.acquire(Duration.ofSeconds(30)).await().atMost(WAIT)).isFalse();
    }

    @Test
    void twoEvaluationsAtOnceRaiseTheSameConditionOnce() throws Throwable {
        String target = "race-" + suffix();
        Condition condition = new Condition("race", target, Severity.INFO, "race " + target, Map.of("n", "1"));
        java.util.concurrent.ExecutorService pods = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<AlertStore.Outcome>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pods.submit(() -> {
                    try {
                        return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(
                                () -> store.apply(List.of(condition), Set.of(condition.key()), Set.of()));
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            int raised = 0;
            for (var outcome : both) {
                raised += outcome.get(30, java.util.concurrent.TimeUnit.SECONDS).raised().size();
            }
            assertThat(raised).isEqualTo(1);
        } finally {
            pods.shutdownNow();
        }
        long rows = pool.preparedQuery("SELECT count(*) FROM ops_alert WHERE rule = 'race' AND target = $1")
                .execute(Tuple.of(target)).await().atMost(WAIT).iterator().next().getLong(0);
        assertThat(rows).isEqualTo(1);
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> store.apply(List.of(), Set.of(), Set.of("race")));
    }

    @Test
    void badFiltersIdsAndSilencesAreRefusedWithProblemsAndTheServiceStaysReady() {
        for (String query : List.of("status=LOST", "severity=HIGH", "from=yesterday", "to=2026-13-01", "size=0",
                "size=201", "page=-1", "rule=no-such-rule", "rule=" + "x".repeat(300))) {
            String field = query.substring(0, query.indexOf('='));
            Authorized.as(Roles.ADMIN).get("/api/v1/ops/alerts/history?" + query).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(field));
        }
        String future = Instant.now().plusSeconds(600).toString();
        List<Map<String, Object>> bad = List.of(
                Map.of("rule", SwitchRule.NAME, "endsAt", Instant.now().minusSeconds(5).toString(), "reason", "past"),
                Map.of("rule", SwitchRule.NAME, "endsAt", Instant.now().plus(Duration.ofDays(30)).toString(), "reason", "far"),
                Map.of("rule", SwitchRule.NAME, "reason", "no end"),
                Map.of("rule", SwitchRule.NAME, "endsAt", future),
                Map.of("rule", SwitchRule.NAME, "endsAt", future, "reason", "r".repeat(501)),
                Map.of("target", "cluster", "endsAt", future, "reason", "target without a rule"),
                Map.of("rule", "no-such-rule", "endsAt", future, "reason", "unknown rule"),
                Map.of("rule", SwitchRule.NAME, "target", "t".repeat(256), "endsAt", future, "reason", "long target"));
        List<String> fields = List.of("endsAt", "endsAt", "endsAt", "reason", "reason", "target", "rule", "target");
        for (int i = 0; i < bad.size(); i++) {
            Authorized.as(Roles.OPS).contentType(ContentType.JSON).body(bad.get(i)).post("/api/v1/ops/alerts/silences")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(fields.get(i)));
        }
        Authorized.as(Roles.OPS).contentType(ContentType.JSON).body("{\"endsAt\": 12, \"reason\": [").post(
                "/api/v1/ops/alerts/silences").then().statusCode(400).contentType("application/problem+json");
        Authorized.as(Roles.OPS).contentType(ContentType.JSON).body("{\"endsAt\": \"tomorrow\", \"reason\": \"x\"}").post(
                "/api/v1/ops/alerts/silences").then().statusCode(400).contentType("application/problem+json");
        Authorized.as(Roles.OPS).delete("/api/v1/ops/alerts/silences/{id}", "nope").then().statusCode(400);
        Authorized.as(Roles.OPS).delete("/api/v1/ops/alerts/silences/{id}", UUID.randomUUID()).then().statusCode(404);
        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("endsAt", future, "reason", "admin"))
                .post("/api/v1/ops/alerts/silences").then().statusCode(403);
        Authorized.as(Roles.USER).get("/api/v1/ops/alerts").then().statusCode(403);
        io.restassured.RestAssured.get("/api/v1/ops/alerts").then().statusCode(401);
        io.lowcode.localstack.testing.Management.management().get("/q/health/ready").then().statusCode(200);
    }

    private static String awaitFiring(String target) {
        return (String) await().atMost(WAIT).until(() -> firing(target), alert -> alert != null).get("id");
    }

    /** The firing alert of the switch {@code target}, or null. */
    private static Map<String, Object> firing(String target) {
        return Authorized.as(Roles.OPS).get("/api/v1/ops/alerts").then().statusCode(200).extract().jsonPath()
                .getMap("find { it.rule == 'test-switch' && it.target == '" + target + "' }");
    }

    private static List<ConsumerRecord<String, byte[]>> events(String alertId, EventType type) {
        return notifications.matching(r -> alertId.equals(r.key())
                && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("\"type\":\"" + type.type() + "\""));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
