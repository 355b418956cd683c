package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.localstack.KafkaNode;
import io.restassured.path.json.JsonPath;

/**
 * A platform of its own with three Kafka nodes (replication factor 3, min.insync.replicas 2): a broker stopped shows
 * as down with under-replicated partitions in {@code GET /api/v1/ops/cluster}, raises the broker-down and
 * under-replicated alerts on the IM webhook; started again, both resolve and say so.
 */
class ThreeNodeOpsIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static RunningPlatform platform;

    @BeforeAll
    static void threeNodes() {
        // fire on the first evaluation that sees it (by default a broker must stay down 1 min, under-replication 5 min)
        platform = RunningPlatform.start(3, Map.of("LOWCODE_OPS_ALERTS_UNDER_REPLICATED_PARTITIONS_FOR", "0s",
                "LOWCODE_OPS_ALERTS_BROKER_DOWN_FOR", "0s"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aStoppedBrokerIsDownWithUnderReplicatedPartitionsAlertsAndResolvesWhenItIsBack() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath cluster = cluster();
            assertThat(cluster.getList("brokers.up", Boolean.class)).containsExactly(true, true, true);
            assertThat(cluster.getInt("partitions.underReplicated")).isZero();
            assertThat(cluster.getList("quorum.voters.id", Integer.class)).containsExactlyInAnyOrder(1, 2, 3);
        });
        KafkaNode broker = platform.stack().kafka().node(2);
        broker.stop();
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath cluster = cluster();
                assertThat(cluster.getBoolean("brokers.find { it.id == 2 }.up")).isFalse();
                assertThat(cluster.getInt("partitions.underReplicated")).isPositive();
                assertThat(cluster.getInt("partitions.offline")).isZero();
            });
            String down = awaitFiring("broker-down", "2");
            String under = awaitFiring("under-replicated-partitions", "cluster");
            await().atMost(WAIT).until(() -> !platform.peers().calls(down, "alert-raised", "broker-down").isEmpty()
                    && !platform.peers().calls(under, "alert-raised", "under-replicated-partitions").isEmpty());
        } finally {
            broker.start();
            platform.stack().kafka().awaitReady(WAIT);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath cluster = cluster();
            assertThat(cluster.getList("brokers.up", Boolean.class)).containsExactly(true, true, true);
            assertThat(cluster.getInt("partitions.underReplicated")).isZero();
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(platform.asAdmin(platform.adminCenter())
                .get("/api/v1/ops/alerts").then().statusCode(200).extract().jsonPath().getList("rule", String.class))
                .doesNotContain("broker-down", "under-replicated-partitions"));
        await().atMost(WAIT).until(() -> platform.peers().calls("alert-resolved", "broker-down").size() == 1
                && platform.peers().calls("alert-resolved", "under-replicated-partitions").size() == 1);
    }

    private static JsonPath cluster() {
        return platform.asAdmin(platform.adminCenter()).get("/api/v1/ops/cluster").then().statusCode(200).extract()
                .jsonPath();
    }

    private static String awaitFiring(String rule, String target) {
        return await().atMost(WAIT).until(() -> platform.asAdmin(platform.adminCenter()).get("/api/v1/ops/alerts").then()
                .statusCode(200).extract().jsonPath().getString("find { it.rule == '" + rule + "' && it.target == '"
                        + target + "' }.id"), id -> id != null);
    }
}
