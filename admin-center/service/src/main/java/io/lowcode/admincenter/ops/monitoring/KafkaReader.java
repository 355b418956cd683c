package io.lowcode.admincenter.ops.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

import io.lowcode.admincenter.api.ops.ClusterHealth;
import io.lowcode.admincenter.api.ops.ConsumerGroupView;
import io.smallrye.mutiny.Uni;

/**
 * Reads one {@link KafkaSample} through the Admin API: the cluster (brokers with fenced ones, controller, quorum,
 * log dirs), every topic (description, configuration, start and end offsets) and every consumer group (state,
 * members, committed offsets). Parts that fail are left out or {@code null} rather than failing the reading; only
 * when the cluster itself does not answer does the reading fail.
 */
@ApplicationScoped
public class KafkaReader {

    private final KafkaAdmin kafka;

    public KafkaReader(KafkaAdmin kafka) {
        this.kafka = kafka;
    }

    private record Cluster(String id, Integer controller, Collection<Node> nodes) {
    }

    public Uni<KafkaSample> read() {
        Instant at = Instant.now();
        return cluster().flatMap(cluster -> Uni.combine().all()
                .unis(quorum(), logDirs(cluster.nodes()), topics(), groups())
                .with((quorum, logDirs, topics, groups) -> new KafkaSample(at, cluster.id(), cluster.controller(),
                        withUnregistered(brokers(cluster.nodes(), logDirs), topics), quorum, topics, groups)));
    }

    /**
     * A broker that partitions still name as a replica but the cluster no longer lists (unregistered, or not reported
     * as fenced) is down too: it is added without an address.
     */
    private static List<ClusterHealth.Broker> withUnregistered(List<ClusterHealth.Broker> brokers,
            Map<String, KafkaSample.Topic> topics) {
        Set<Integer> known = new java.util.HashSet<>();
        brokers.forEach(b -> known.add(b.id()));
        Set<Integer> missing = new java.util.TreeSet<>();
        topics.values().forEach(t -> t.partitions().forEach(p -> p.replicas().stream().filter(r -> !known.contains(r))
                .forEach(missing::add)));
        if (missing.isEmpty()) {
            return brokers;
        }
        List<ClusterHealth.Broker> all = new ArrayList<>(brokers);
        missing.forEach(id -> all.add(new ClusterHealth.Broker(id, null, -1, null, false, null, null)));
        all.sort(java.util.Comparator.comparingInt(ClusterHealth.Broker::id));
        return List.copyOf(all);
    }

    private Uni<Cluster> cluster() {
        DescribeClusterOptions options = new DescribeClusterOptions().includeFencedBrokers(true)
                .timeoutMs(kafka.timeoutMs());
        return kafka.call(admin -> {
            DescribeClusterResult result = admin.describeCluster(options);
            return KafkaFuture.allOf(result.nodes(), result.controller(), result.clusterId()).thenApply(ignored -> {
                Node controller = now(result.controller());
                return new Cluster(now(result.clusterId()), controller == null || controller.isEmpty() ? null
                        : controller.id(), now(result.nodes()));
            });
        });
    }

    private Uni<ClusterHealth.Quorum> quorum() {
        return kafka.call(admin -> admin.describeMetadataQuorum().quorumInfo())
                .map(KafkaReader::quorum)
                .onFailure().recoverWithNull();
    }

    private static ClusterHealth.Quorum quorum(QuorumInfo info) {
        Function<QuorumInfo.ReplicaState, ClusterHealth.QuorumReplica> replica = r -> new ClusterHealth.QuorumReplica(
                r.replicaId(), r.logEndOffset(), Math.max(0, info.highWatermark() - r.logEndOffset()),
                r.lastFetchTimestamp().isPresent() ? Instant.ofEpochMilli(r.lastFetchTimestamp().getAsLong()) : null,
                r.lastCaughtUpTimestamp().isPresent() ? Instant.ofEpochMilli(r.lastCaughtUpTimestamp().getAsLong()) : null);
        return new ClusterHealth.Quorum(info.leaderId(), info.leaderEpoch(), info.highWatermark(),
                info.voters().stream().map(replica).toList(), info.observers().stream().map(replica).toList());
    }

    /** Bytes and free space of each live broker's log dirs; brokers that do not answer are missing. */
    private Uni<Map<Integer, long[]>> logDirs(Collection<Node> nodes) {
        List<Integer> live = nodes.stream().filter(n -> !n.isFenced()).map(Node::id).toList();
        if (live.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return kafka.<Integer, Map<String, LogDirDescription>>callEach(admin -> admin.describeLogDirs(live).descriptions())
                .map(byBroker -> {
                    Map<Integer, long[]> bytes = new TreeMap<>();
                    byBroker.forEach((broker, dirs) -> {
                        long size = 0;
                        long usable = 0;
                        boolean usableKnown = false;
                        for (LogDirDescription dir : dirs.values()) {
                            size += dir.replicaInfos().values().stream().mapToLong(r -> r.size()).sum();
                            if (dir.usableBytes().isPresent()) {
                                usable += dir.usableBytes().getAsLong();
                                usableKnown = true;
                            }
                        }
                        bytes.put(broker, new long[] { size, usableKnown ? usable : -1 });
                    });
                    return bytes;
                })
                .onFailure().recoverWithItem(Map.of());
    }

    private static List<ClusterHealth.Broker> brokers(Collection<Node> nodes, Map<Integer, long[]> logDirs) {
        return nodes.stream().sorted(java.util.Comparator.comparingInt(Node::id)).map(n -> {
            long[] dirs = logDirs.get(n.id());
            return new ClusterHealth.Broker(n.id(), n.host(), n.port(), n.rack(), !n.isFenced(),
                    dirs == null ? null : dirs[0], dirs == null || dirs[1] < 0 ? null : dirs[1]);
        }).toList();
    }

    private Uni<Map<String, KafkaSample.Topic>> topics() {
        return kafka.call(admin -> admin.listTopics(new ListTopicsOptions().listInternal(false)
                        .timeoutMs(kafka.timeoutMs())).names())
                .flatMap(names -> names.isEmpty() ? Uni.createFrom().item(Map.<String, TopicDescription>of())
                        : kafka.callEach(admin -> admin.describeTopics(names).topicNameValues()))
                .flatMap(descriptions -> {
                    List<TopicPartition> partitions = new ArrayList<>();
                    descriptions.values().forEach(d -> d.partitions().forEach(p -> partitions.add(
                            new TopicPartition(d.name(), p.partition()))));
                    return Uni.combine().all().unis(configs(descriptions.keySet()), offsets(partitions, OffsetSpec.earliest()),
                            offsets(partitions, OffsetSpec.latest()))
                            .with((configs, start, end) -> topics(descriptions, configs, start, end));
                });
    }

    private static Map<String, KafkaSample.Topic> topics(Map<String, TopicDescription> descriptions,
            Map<ConfigResource, Config> configs, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
        Map<String, KafkaSample.Topic> topics = new TreeMap<>();
        descriptions.values().forEach(d -> {
            List<KafkaSample.Partition> partitions = d.partitions().stream().map(p -> new KafkaSample.Partition(
                    p.partition(), p.leader() == null || p.leader().isEmpty() ? null : p.leader().id(),
                    p.replicas().stream().map(Node::id).toList(), p.isr().stream().map(Node::id).toList())).toList();
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name()));
            Map<Integer, Long> starts = new TreeMap<>();
            Map<Integer, Long> ends = new TreeMap<>();
            start.forEach((tp, offset) -> {
                if (tp.topic().equals(d.name())) {
                    starts.put(tp.partition(), offset);
                }
            });
            end.forEach((tp, offset) -> {
                if (tp.topic().equals(d.name())) {
                    ends.put(tp.partition(), offset);
                }
            });
            topics.put(d.name(), new KafkaSample.Topic(d.name(), partitions, integer(config, "min.insync.replicas"),
                    number(config, "retention.ms"), text(config, "cleanup.policy"), starts, ends));
        });
        return topics;
    }

    private Uni<Map<ConfigResource, Config>> configs(Set<String> topics) {
        if (topics.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        return kafka.callEach(admin -> admin.describeConfigs(resources).values());
    }

    private Uni<Map<TopicPartition, Long>> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return kafka.<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>callEach(admin -> {
            ListOffsetsResult result = admin.listOffsets(request);
            Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> each = new LinkedHashMap<>();
            partitions.forEach(p -> each.put(p, result.partitionResult(p)));
            return each;
        }).map(infos -> {
            Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
            infos.forEach((p, info) -> offsets.put(p, info.offset()));
            return offsets;
        });
    }

    private Uni<Map<String, KafkaSample.Group>> groups() {
        return kafka.call(admin -> admin.listGroups(ListGroupsOptions.forConsumerGroups().timeoutMs(kafka.timeoutMs())).valid())
                .flatMap(listings -> {
                    List<String> ids = listings.stream().map(GroupListing::groupId).sorted().toList();
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(Map.<String, KafkaSample.Group>of());
                    }
                    Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
                    ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
                    Uni<Map<String, ConsumerGroupDescription>> described = kafka.callEach(
                            admin -> admin.describeConsumerGroups(ids).describedGroups());
                    Uni<Map<String, Map<TopicPartition, OffsetAndMetadata>>> committed = kafka.callEach(admin -> {
                        var result = admin.listConsumerGroupOffsets(specs);
                        Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> each = new LinkedHashMap<>();
                        ids.forEach(id -> each.put(id, result.partitionsToOffsetAndMetadata(id)));
                        return each;
                    });
                    return Uni.combine().all().unis(described, committed).with((descriptions, offsets) -> {
                        Map<String, KafkaSample.Group> groups = new TreeMap<>();
                        for (String id : ids) {
                            ConsumerGroupDescription d = descriptions.get(id);
                            Map<TopicPartition, Long> commits = new LinkedHashMap<>();
                            offsets.getOrDefault(id, Map.of()).forEach((tp, o) -> {
                                if (o != null) {
                                    commits.put(tp, o.offset());
                                }
                            });
                            groups.put(id, new KafkaSample.Group(id, d == null ? "UNKNOWN" : String.valueOf(d.groupState()),
                                    d == null ? List.of() : members(d), commits));
                        }
                        return groups;
                    });
                });
    }

    private static List<ConsumerGroupView.Member> members(ConsumerGroupDescription group) {
        return group.members().stream().map(m -> new ConsumerGroupView.Member(m.consumerId(), m.clientId(), m.host(),
                m.assignment().topicPartitions().stream()
                        .sorted(java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                        .map(TopicPartition::toString).toList())).toList();
    }

    private static Integer integer(Config config, String name) {
        Long value = number(config, name);
        return value == null ? null : value.intValue();
    }

    private static Long number(Config config, String name) {
        String value = text(config, name);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Config config, String name) {
        return config == null || config.get(name) == null ? null : config.get(name).value();
    }

    /** The value of a future known to be complete (inside {@code thenApply} after {@code allOf}). */
    private static <T> T now(KafkaFuture<T> future) {
        try {
            return future.getNow(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
