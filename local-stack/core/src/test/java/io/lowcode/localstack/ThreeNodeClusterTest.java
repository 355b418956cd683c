package io.lowcode.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.TopicSpec;
import io.lowcode.eventschema.Topics;

/** The seed's production shape (§2.1.1): three nodes, replication factor 3, min.insync.replicas 2. */
class ThreeNodeClusterTest {

    private static LocalStack stack;

    @BeforeAll
    static void startCluster() {
        stack = LocalStack.start(LocalStack.Settings.ephemeral(3));
    }

    @AfterAll
    static void stopCluster() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void topicsAreReplicatedThreeTimesWithMinInsyncReplicasTwo() throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.WORKFLOW_EXECUTION_EVENTS))
                    .allTopicNames().get().get(Topics.WORKFLOW_EXECUTION_EVENTS);
            assertThat(topic.partitions()).hasSize(12)
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.WORKFLOW_EXECUTION_EVENTS);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("min.insync.replicas").value()).isEqualTo("2");
        }
    }

    @Test
    void aBrokerCanBeStoppedWithoutLosingAcknowledgedWritesAndRejoinsWhenStarted() throws Exception {
        KafkaNode node = stack.kafka().node(2);
        node.stop();
        int sent = 300;
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < sent; i++) {
                acks.add(producer.send(new ProducerRecord<>(Topics.FUNCTION_UNIT_EVENTS, "unit-" + (i % 17), "v" + i)));
            }
            producer.flush();
        }
        long acknowledged = 0;
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
            acknowledged++;
        }
        assertThat(acknowledged).isEqualTo(sent);

        node.start();
        stack.kafka().awaitReady(Duration.ofSeconds(60));
        try (Admin admin = stack.kafka().admin()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                TopicDescription topic = admin.describeTopics(List.of(Topics.FUNCTION_UNIT_EVENTS))
                        .allTopicNames().get().get(Topics.FUNCTION_UNIT_EVENTS);
                assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.isr()).hasSize(3));
            });
        }
    }

    @Test
    void aTopicReplicatedTooFewTimesIsBroughtToReplicationFactorThreeWithEveryReplicaInSync() throws Exception {
        TopicSpec spec = new TopicSpec("rf-drift-test", 4, Duration.ofHours(1), "delete", false);
        try (Admin admin = stack.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(spec.name(), 4, (short) 1))).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().contains(spec.name()));

            List<String> actions = new TopicProvisioner(admin, 3, 2).provision(List.of(spec));

            assertThat(actions).contains("raised the replication factor of rf-drift-test from 1 to 3");
            TopicDescription topic = admin.describeTopics(List.of(spec.name())).allTopicNames().get().get(spec.name());
            assertThat(topic.partitions()).hasSize(4).allSatisfy(p -> {
                assertThat(p.replicas()).hasSize(3);
                assertThat(p.isr()).hasSize(3);
            });
            assertThat(new TopicProvisioner(admin, 3, 2).provision(List.of(spec))).isEmpty();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000),
                new StringSerializer(), new StringSerializer());
    }
}
