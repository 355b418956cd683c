package io.lowcode.admincenter.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.api.ops.ConsumerGroupView;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The monitoring API against the real broker: cluster and topics, a consumer group's Burrow status through its
 * phases (with the alert its STALL raises), the event flow, and every bad input.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class MonitoringApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    io.lowcode.admincenter.ops.alert.DeadLetterRule deadLetters;

    @Inject
    SampleHistory history;

    @BeforeEach
    void sampled() {
        await().atMost(WAIT).untilAsserted(() -> Authorized.as(Roles.OPS).get("/api/v1/ops/cluster").then().statusCode(200));
    }

    @Test
    void theClusterShowsItsBrokerControllerQuorumAndHealthyPartitions() {
        JsonPath cluster = Authorized.as(Roles.OPS).get("/api/v1/ops/cluster").then().statusCode(200).extract().jsonPath();
        int port = Integer.parseInt(bootstrap().split(",")[0].split(":")[1]);
        assertThat(cluster.getList("brokers.id", Integer.class)).containsExactly(1);
        assertThat(cluster.getBoolean("brokers[0].up")).isTrue();
        assertThat(cluster.getInt("brokers[0].port")).isEqualTo(port);
        assertThat(cluster.getLong("brokers[0].logDirBytes")).isPositive();
        assertThat(cluster.getInt("controllerId")).isEqualTo(1);
        assertThat(cluster.getInt("quorum.leaderId")).isEqualTo(1);
        assertThat(cluster.getList("quorum.voters.id", Integer.class)).containsExactly(1);
        // the catalog's 8 topics alone have 6 + 3 + 12 + 3 + 4 × 3 partitions
        assertThat(cluster.getInt("partitions.total")).isGreaterThanOrEqualTo(36);
        assertThat(cluster.getInt("partitions.underReplicated")).isZero();
        assertThat(cluster.getInt("partitions.offline")).isZero();
        assertThat(cluster.getString("sampledAt")).isNotBlank();
    }

    @Test
    void topicsShowTheirConfigurationRecordsAndProduceRate() throws Exception {
        String topic = "ops-test.rates-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = LocalStackTestResource.stack().kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        // sampled empty first: the rate is what is appended between samples
        await().atMost(WAIT).untilAsserted(() -> assertThat(Authorized.as(Roles.OPS).get("/api/v1/ops/topics").then()
                .statusCode(200).extract().jsonPath().getList("name", String.class)).contains(topic));
        try (EventSender sender = new EventSender(bootstrap())) {
            for (int i = 0; i < 40; i++) {
                sender.send(topic, i % 2, "k" + i, ("v" + i).getBytes());
            }
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath topics = Authorized.as(Roles.ADMIN).get("/api/v1/ops/topics").then().statusCode(200).extract().jsonPath();
            Map<String, Object> mine = topics.getMap("find { it.name == '" + topic + "' }");
            assertThat(mine).containsEntry("partitions", 2).containsEntry("replicationFactor", 1)
                    .containsEntry("records", 40).containsEntry("cleanupPolicy", "delete");
            assertThat(mine.get("produceRatePerSecond")).isInstanceOf(Number.class);
            assertThat(((Number) mine.get("produceRatePerSecond")).doubleValue()).isPositive();
        });
        JsonPath catalog = Authorized.as(Roles.OPS).get("/api/v1/ops/topics").then().extract().jsonPath();
        assertThat(catalog.getMap("find { it.name == 'function-unit-events' }")).containsEntry("partitions", 6)
                .containsEntry("minInsyncReplicas", 1).containsEntry("retentionMs", (int) Duration.ofDays(7).toMillis());
    }

    @Test
    void aConsumerThatStopsCommittingTurnsWarnThenStallRaisesAnAlertStopsWhenItLeavesAndResolvesWhenCaughtUp()
            throws Exception {
        String topic = "ops-test.lag-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "ops-test.frozen-" + UUID.randomUUID().toString().substring(0, 8);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = LocalStackTestResource.stack().kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        AtomicBoolean frozen = new AtomicBoolean(true);
        try (EventSender sender = new EventSender(bootstrap()); KafkaConsumer<String, String> consumer = consumer(group)) {
            // a member that owns the partition and committed up to the end: OK
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
            });
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)));
            await().atMost(WAIT).untilAsserted(() -> assertThat(status(group)).isEqualTo("OK"));

            // records keep coming, the member stays (it polls, so it keeps its partition) but commits nothing
            Thread producer = new Thread(() -> {
                int i = 0;
                while (frozen.get()) {
                    sender.send(topic, 0, "k", ("v" + i++).getBytes());
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
                }
            });
            producer.start();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(10));
                assertThat(status(group)).isEqualTo("WARN");
            });
            await().atMost(WAIT).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(10));
                assertThat(status(group)).isEqualTo("STALL");
            });
            ConsumerGroupView stalled = Authorized.as(Roles.OPS).get("/api/v1/ops/consumer-groups/{g}", group).then()
                    .statusCode(200).extract().as(ConsumerGroupView.class);
            assertThat(stalled.members()).hasSize(1);
            ConsumerGroupView.PartitionLag lag = stalled.partitions().get(0);
            assertThat(lag.status()).isEqualTo("STALL");
            assertThat(lag.owner()).isEqualTo(stalled.members().get(0).memberId());
            assertThat(lag.evidence()).hasSize(4).allSatisfy(s -> assertThat(s.committed()).isZero());
            assertThat(lag.evidence().get(3).lag()).isGreaterThan(lag.evidence().get(0).lag());
            String alertId = awaitAlert(group);

            // the member leaves: nobody owns the partition any more
            consumer.unsubscribe();
            await().atMost(WAIT).untilAsserted(() -> assertThat(status(group)).isEqualTo("STOP"));
            frozen.set(false);
            producer.join();

            // a consumer of the group catches up: OK, and the alert resolves
            long end = Long.parseLong(Authorized.as(Roles.OPS).get("/api/v1/ops/consumer-groups/{g}", group).then()
                    .extract().jsonPath().getString("partitions[0].endOffset"));
            try (Admin admin = LocalStackTestResource.stack().kafka().admin()) {
                admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(end))).all().get();
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(status(group)).isEqualTo("OK"));
            await().atMost(WAIT).untilAsserted(() -> Authorized.as(Roles.OPS)
                    .get("/api/v1/ops/alerts/history?rule=consumer-group-status&status=RESOLVED&size=200").then()
                    .body("items.id", hasItem(alertId)));
        } finally {
            frozen.set(false);
        }
    }

    @Test
    void newDeadLettersOnATopicMakeTheDeadLetterRuleFire() {
        String dlq = Topics.deadLetterOf(Topics.WORKFLOW_EXECUTION_EVENTS);
        await().atMost(WAIT).until(() -> history.growth(dlq, Duration.ofMinutes(15)).isPresent());
        try (EventSender sender = new EventSender(bootstrap())) {
            sender.send(dlq, 0, "poison-1", "not an event".getBytes());
            sender.send(dlq, 1, "poison-2", "not an event".getBytes());
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.evaluate().await().atMost(WAIT))
                .anySatisfy(c -> {
                    assertThat(c.target()).isEqualTo(dlq);
                    assertThat(Long.parseLong(c.evidence().get("newDeadLetters"))).isGreaterThanOrEqualTo(2);
                }));
    }

    @Test
    void theEventFlowShowsTheAdminCentersEventsAndAServiceThatDoesNotAnswerWithoutFailing() {
        Authorized.as(Roles.ADMIN).contentType("application/json").body(Map.of("username", "flow-" + suffix(),
                "displayName", "Flow", "email", "flow-" + suffix() + "@example.com", "password", "flow-password-123",
                "roles", List.of(Roles.USER))).post("/api/v1/users").then().statusCode(201);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath flow = Authorized.as(Roles.OPS).get("/api/v1/ops/event-flow").then().statusCode(200).extract().jsonPath();
            assertThat(flow.getList("services.service", String.class)).contains("admin-center", "ghost");
            assertThat(flow.getBoolean("services.find { it.service == 'ghost' }.reachable")).isFalse();
            assertThat(flow.getString("services.find { it.service == 'ghost' }.error")).contains("/q/metrics");
            assertThat(flow.getInt("services.find { it.service == 'admin-center' }.types.find { it.type == "
                    + "'user.account-created' }.published")).isPositive();
            assertThat(flow.getDouble("services.find { it.service == 'admin-center' }.outboxOldestAgeSeconds")).isZero();
        });
        String metrics = io.lowcode.localstack.testing.Management.management().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("lowcode_outbox_oldest_pending_age_seconds")
                .containsPattern("kafka_producer_record_send_total\\{[^}]*client_id=\"outbox-relay\"");
    }

    @Test
    void badGroupIdsAreRefusedUnknownGroupsAre404AndOnlyOpsAndAdminsRead() {
        Authorized.as(Roles.OPS).get("/api/v1/ops/consumer-groups/{g}", "x".repeat(256)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("group"));
        Authorized.as(Roles.OPS).get("/api/v1/ops/consumer-groups/{g}", "bad\u0001group").then().statusCode(400)
                .contentType("application/problem+json");
        Authorized.as(Roles.OPS).get("/api/v1/ops/consumer-groups/{g}", "no-such-group").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:lowcode:problem:not-found"));
        for (String path : List.of("cluster", "topics", "consumer-groups", "event-flow")) {
            Authorized.as(Roles.USER).get("/api/v1/ops/" + path).then().statusCode(403);
            Authorized.as(Roles.DEVELOPER).get("/api/v1/ops/" + path).then().statusCode(403);
            io.restassured.RestAssured.get("/api/v1/ops/" + path).then().statusCode(401);
        }
        io.lowcode.localstack.testing.Management.management().get("/q/health/ready").then().statusCode(200);
    }

    private static String awaitAlert(String group) {
        return await().atMost(WAIT).until(() -> Authorized.as(Roles.OPS).get("/api/v1/ops/alerts").then().statusCode(200)
                .extract().jsonPath().<String>getString("find { it.rule == 'consumer-group-status' && it.target == '"
                        + group + "' }.id"), id -> id != null);
    }

    private static String status(String group) {
        return Authorized.as(Roles.OPS).get("/api/v1/ops/consumer-groups").then().statusCode(200).extract().jsonPath()
                .getString("find { it.groupId == '" + group + "' }.status");
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
                new StringDeserializer(), new StringDeserializer());
    }

    private static String bootstrap() {
        return LocalStackTestResource.stack().kafka().bootstrapServers();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
