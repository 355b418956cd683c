package io.lowcode.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;

class LocalStackTest {

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStack.Settings.ephemeral(1));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void topicsOnTheRunningBrokerMatchTheCatalog() throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            List<String> names = TopicCatalog.all().stream().map(TopicSpec::name).toList();
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();
            for (TopicSpec spec : TopicCatalog.all()) {
                TopicDescription topic = topics.get(spec.name());
                assertThat(topic.partitions()).as(spec.name() + " partitions").hasSize(spec.partitions());
                assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                assertThat(config.get("retention.ms").value()).as(spec.name() + " retention")
                        .isEqualTo(Long.toString(spec.retention().toMillis()));
                assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
                assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
            }
        }
    }

    @Test
    void provisioningAgainIsANoOpAndRepairsADriftedConfig() throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, 1, 1);
            assertThat(provisioner.provisionCatalog()).isEmpty();

            ConfigResource fu = new ConfigResource(ConfigResource.Type.TOPIC, "function-unit-events");
            admin.incrementalAlterConfigs(Map.of(fu, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                    new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "1000"),
                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();

            assertThat(provisioner.provisionCatalog()).containsExactly(
                    "reconfigured function-unit-events: retention.ms=604800000");
            assertThat(admin.describeConfigs(List.of(fu)).all().get().get(fu).get("retention.ms").value())
                    .isEqualTo("604800000");
        }
    }

    @Test
    void postgresServesThePlatformDatabase() throws Exception {
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('server_version_num')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(LocalStack.DATABASE);
            assertThat(Integer.parseInt(rs.getString(2))).isGreaterThanOrEqualTo(150000);
        }
    }

    @Test
    void kafkaAndPostgresListenOnLoopbackOnlyAndTheirOwnersCanBeNamed() {
        int postgres = stack.postgres().port();
        int kafka = stack.kafka().nodes().get(0).port();

        assertThat(ListeningSockets.on(postgres)).isNotEmpty().allSatisfy(s -> assertThat(s.loopbackOnly()).isTrue());
        assertThat(ListeningSockets.on(kafka)).isNotEmpty().allSatisfy(s -> assertThat(s.loopbackOnly()).isTrue());
        assertThat(ListeningSockets.owner(kafka)).hasValueSatisfying(owner -> assertThat(owner)
                .startsWith("pid " + stack.kafka().nodes().get(0).pid() + " (").contains("kafka.Kafka"));
        assertThat(ListeningSockets.owner(FreePorts.take(1).get(0))).isEmpty();
    }

    @Test
    void leftoversOfAKilledOwnerAreFoundByTheirPidFilesAndStopped() {
        LocalStack orphaned = LocalStack.start(LocalStack.Settings.ephemeral(1));
        long kafkaPid = orphaned.kafka().nodes().get(0).pid();
        long postmaster = orphaned.postgres().postmaster().orElseThrow().pid();
        try {
            // as if the JVM that started them had been killed: nobody calls close()
            java.util.List<String> stopped = LocalStack.stopLeftovers(orphaned.settings().dataDirectory());

            assertThat(stopped).containsExactly("Kafka node 1 (pid " + kafkaPid + ")", "PostgreSQL (pid " + postmaster + ")");
            assertThat(ProcessHandle.of(kafkaPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(LocalStack.stopLeftovers(orphaned.settings().dataDirectory())).isEmpty();
        } finally {
            orphaned.close();
        }
    }

    @Test
    void closingLeavesNoProcessAndNoFiles() {
        LocalStack other = LocalStack.start(LocalStack.Settings.ephemeral(1));
        List<Long> pids = other.kafka().nodes().stream().map(KafkaNode::pid).collect(Collectors.toList());
        long postmaster = other.postgres().postmaster().orElseThrow().pid();
        other.close();

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Files.exists(other.settings().dataDirectory())).isFalse();
    }
}
