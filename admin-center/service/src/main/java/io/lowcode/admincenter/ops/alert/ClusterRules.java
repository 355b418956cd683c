package io.lowcode.admincenter.ops.alert;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.lowcode.admincenter.api.ops.ClusterHealth;
import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.smallrye.mutiny.Uni;

/**
 * The cluster's rules: {@code broker-down} (a registered broker is fenced, or the cluster does not answer: target
 * {@code cluster}), {@code under-replicated-partitions} and {@code offline-partitions}.
 */
public final class ClusterRules {

    private ClusterRules() {
    }

    /** {@code broker-down}. */
    @Singleton
    public static class BrokerDown extends NamedRule<AlertsConfig.Rule> {

        static final String NAME = "broker-down";
        private final FreshSample sample;

        public BrokerDown(FreshSample sample, AlertsConfig config) {
            super(NAME, config.brokerDown());
            this.sample = sample;
        }

        @Override
        public Uni<List<Condition>> evaluate() {
            return Uni.createFrom().item(() -> {
                KafkaSample now;
                try {
                    now = sample.get();
                } catch (IllegalStateException stale) {
                    if (sample.views().lastError() == null) {
                        throw stale; // not sampled yet: cannot tell
                    }
                    return List.of(new Condition(NAME, "cluster", config.severity(),
                            "the Kafka cluster does not answer", new Evidence().put("error", sample.views().lastError())
                                    .put("lastSample", sample.views().latest().map(KafkaSample::at).orElse(null)).map()));
                }
                List<Condition> down = new ArrayList<>();
                for (ClusterHealth.Broker b : now.brokers()) {
                    if (!b.up()) {
                        down.add(new Condition(NAME, Integer.toString(b.id()), config.severity(), "Kafka broker " + b.id()
                                + " (" + b.host() + ":" + b.port() + ") is down", new Evidence().put("broker", b.id())
                                .put("address", b.host() + ":" + b.port()).put("rack", b.rack())
                                .put("brokersUp", now.brokers().stream().filter(ClusterHealth.Broker::up).count() + " of "
                                        + now.brokers().size())
                                .put("controller", now.controllerId()).put("sampledAt", now.at()).map()));
                    }
                }
                return down;
            });
        }
    }

    /** {@code under-replicated-partitions}. */
    @Singleton
    public static class UnderReplicated extends NamedRule<AlertsConfig.Rule> {

        static final String NAME = "under-replicated-partitions";
        private final FreshSample sample;

        public UnderReplicated(FreshSample sample, AlertsConfig config) {
            super(NAME, config.underReplicatedPartitions());
            this.sample = sample;
        }

        @Override
        public Uni<List<Condition>> evaluate() {
            return Uni.createFrom().item(() -> {
                KafkaSample now = sample.get();
                ClusterHealth.PartitionHealth health = sample.views().cluster(now).partitions();
                if (health.underReplicated() == 0 && health.underMinIsr() == 0) {
                    return List.of();
                }
                return List.of(new Condition(NAME, "cluster", config.severity(), health.underReplicated()
                        + " under-replicated partition(s), " + health.underMinIsr() + " below min.insync.replicas",
                        evidence(now, health)));
            });
        }
    }

    /** {@code offline-partitions}. */
    @Singleton
    public static class Offline extends NamedRule<AlertsConfig.Rule> {

        static final String NAME = "offline-partitions";
        private final FreshSample sample;

        public Offline(FreshSample sample, AlertsConfig config) {
            super(NAME, config.offlinePartitions());
            this.sample = sample;
        }

        @Override
        public Uni<List<Condition>> evaluate() {
            return Uni.createFrom().item(() -> {
                KafkaSample now = sample.get();
                ClusterHealth.PartitionHealth health = sample.views().cluster(now).partitions();
                return health.offline() == 0 ? List.<Condition>of() : List.of(new Condition(NAME, "cluster",
                        config.severity(), health.offline() + " partition(s) without a leader", evidence(now, health)));
            });
        }
    }

    static java.util.Map<String, String> evidence(KafkaSample now, ClusterHealth.PartitionHealth health) {
        return new Evidence().put("partitions", health.total()).put("underReplicated", health.underReplicated())
                .put("underMinIsr", health.underMinIsr()).put("offline", health.offline())
                .put("affected", String.join(", ", health.affected()))
                .put("brokersUp", now.brokers().stream().filter(ClusterHealth.Broker::up).map(b -> Integer.toString(b.id()))
                        .toList())
                .put("sampledAt", now.at()).map();
    }
}
