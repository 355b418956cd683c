package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/ops/cluster}: the Kafka cluster as the admin center's sampler last saw it.
 *
 * @param sampledAt    when the sample was taken (the sampler runs every {@code lowcode.ops.sampling.interval})
 * @param clusterId    the cluster id
 * @param controllerId the active controller's node id, {@code null} when there is none
 * @param brokers      every registered broker, up or not
 * @param quorum       the KRaft controller quorum, {@code null} when the cluster did not describe it
 * @param partitions   partition health over every topic
 */
public record ClusterHealth(Instant sampledAt, String clusterId, Integer controllerId, List<Broker> brokers,
        Quorum quorum, PartitionHealth partitions) {

    /**
     * One broker.
     *
     * @param id           node id
     * @param host         advertised host
     * @param port         advertised port
     * @param rack         rack, or {@code null}
     * @param up           whether it is registered and not fenced (a stopped broker is fenced within seconds)
     * @param logDirBytes  bytes of its log directories' replicas, {@code null} when it did not answer
     * @param usableBytes  free bytes of its log directories' volumes, {@code null} when unknown
     */
    public record Broker(int id, String host, int port, String rack, boolean up, Long logDirBytes, Long usableBytes) {
    }

    /**
     * The KRaft controller quorum.
     *
     * @param leaderId      the active controller
     * @param leaderEpoch   its epoch
     * @param highWatermark the metadata log's high watermark
     * @param voters        the voting controllers
     * @param observers     the brokers that follow the log without voting
     */
    public record Quorum(int leaderId, long leaderEpoch, long highWatermark, List<QuorumReplica> voters,
            List<QuorumReplica> observers) {
    }

    /**
     * One replica of the metadata log.
     *
     * @param id             node id
     * @param logEndOffset   its log end offset
     * @param lag            how far it is behind the high watermark
     * @param lastFetchAt    its last fetch from the leader, or {@code null}
     * @param lastCaughtUpAt when it was last caught up, or {@code null}
     */
    public record QuorumReplica(int id, long logEndOffset, long lag, Instant lastFetchAt, Instant lastCaughtUpAt) {
    }

    /**
     * Partition health.
     *
     * @param total           partitions in all topics
     * @param underReplicated fewer in-sync replicas than replicas
     * @param underMinIsr     fewer in-sync replicas than the topic's {@code min.insync.replicas}: acks=all writes fail
     * @param offline         no leader: nobody can read or write them
     * @param affected        the affected partitions as {@code topic-partition} (at most 100)
     */
    public record PartitionHealth(int total, int underReplicated, int underMinIsr, int offline, List<String> affected) {
    }
}
