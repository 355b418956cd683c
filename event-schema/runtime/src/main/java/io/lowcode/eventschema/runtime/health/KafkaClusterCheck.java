package io.lowcode.eventschema.runtime.health;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.HealthGroup;

/**
 * Health group {@value #GROUP} ({@code /q/health/group/kafka}): the Kafka cluster answers and has a
 * controller. Deliberately NOT a readiness check: while Kafka is away a service keeps taking writes
 * (its outbox holds the events, answered {@code pending}), so a Kafka outage must not take every pod
 * out of its Service. Bounded by a short timeout so a call never hangs on a dead broker. Blocking on
 * purpose: SmallRye Health runs it on a worker thread. The admin client takes every {@code kafka.*}
 * setting the service's own clients use (TLS, SASL…).
 */
@HealthGroup(KafkaClusterCheck.GROUP)
@ApplicationScoped
public class KafkaClusterCheck implements HealthCheck {

    /** The health group: {@code /q/health/group/kafka}. */
    public static final String GROUP = "kafka";
    static final String NAME = "kafka cluster";
    private static final int TIMEOUT_MS = 2000;

    private final String bootstrapServers;
    private final Admin admin;

    public KafkaClusterCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.bootstrapServers = String.valueOf(config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.admin = Admin.create(config);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).withData("bootstrap", bootstrapServers);
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
            Collection<Node> nodes = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Node controller = cluster.controller().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            builder.withData("brokers", nodes.size());
            if (controller == null || controller.isEmpty()) {
                return builder.down().withData("reason", "no active controller").build();
            }
            return builder.up().withData("controller", controller.id()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return builder.down().withData("reason", "interrupted").build();
        } catch (Exception e) {
            return builder.down().withData("reason", "cluster did not answer in " + TIMEOUT_MS + " ms: "
                    + e.getClass().getSimpleName()).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
