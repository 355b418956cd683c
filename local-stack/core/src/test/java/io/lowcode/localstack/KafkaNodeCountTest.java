package io.lowcode.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kafka data directory keeps the node count it was formatted for: another count is refused with a way out. */
class KafkaNodeCountTest {

    @TempDir
    Path kafka;

    @Test
    void anEmptyDirectoryTakesAnyNodeCount() {
        KafkaCluster.requireSameNodeCount(kafka, 1);
        KafkaCluster.requireSameNodeCount(kafka.resolve("not-yet"), 3);
    }

    @Test
    void threeNodesOnOneNodeDataAreRefusedSayingHowToProceed() throws Exception {
        Files.writeString(kafka.resolve("node-count"), "1");

        KafkaCluster.requireSameNodeCount(kafka, 1);
        assertThatThrownBy(() -> KafkaCluster.requireSameNodeCount(kafka, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to a 1-node cluster (replication factor 1)")
                .hasMessageContaining("--kafka-nodes 1")
                .hasMessageContaining("another --data-dir")
                .hasMessageContaining("./platform wipe");
    }

    @Test
    void dataFormattedBeforeTheCountWasRecordedIsCountedByItsNodes() throws Exception {
        for (int node = 1; node <= 3; node++) {
            Path meta = kafka.resolve("node-" + node).resolve("data").resolve("meta.properties");
            Files.createDirectories(meta.getParent());
            Files.writeString(meta, "node.id=" + node);
        }

        assertThat(KafkaCluster.formattedNodeCount(kafka)).isEqualTo(3);
        assertThatThrownBy(() -> KafkaCluster.requireSameNodeCount(kafka, 1))
                .hasMessageContaining("belongs to a 3-node cluster (replication factor 3)");
    }
}
