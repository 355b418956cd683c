package io.lowcode.admincenter.ops.configuration;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import io.lowcode.admincenter.ops.monitoring.KafkaAdmin;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Changes topics through the Kafka Admin API (the operations' Admin client, every call bounded): {@code retention.ms}
 * with an incremental configuration change, the partition count with {@code createPartitions} (only ever up). The
 * admin center's Kafka user needs AlterConfigs and Alter on the catalog's topics for this (k8s/kafka/users.yaml).
 */
@ApplicationScoped
public class TopicSettings {

    private final KafkaAdmin kafka;

    public TopicSettings(KafkaAdmin kafka) {
        this.kafka = kafka;
    }

    public Uni<Void> retention(String topic, long retentionMs) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp set = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs)),
                AlterConfigOp.OpType.SET);
        return kafka.call(admin -> admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all())
                .invoke(() -> Log.infof("topic %s: retention.ms set to %d", topic, retentionMs))
                .replaceWithVoid();
    }

    public Uni<Void> partitions(String topic, int count) {
        return kafka.call(admin -> admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(count))).all())
                .invoke(() -> Log.infof("topic %s: expanded to %d partitions", topic, count))
                .replaceWithVoid();
    }
}
