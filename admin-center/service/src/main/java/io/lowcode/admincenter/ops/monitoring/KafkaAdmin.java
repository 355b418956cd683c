package io.lowcode.admincenter.ops.monitoring;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * The admin center's one Kafka {@link Admin} client for operations (the readiness check has its own), built from the
 * service's {@code kafka.*} connection settings (TLS, SASL) with bounded request and API timeouts
 * ({@code lowcode.ops.sampling.kafka-timeout}). Its calls return {@link KafkaFuture}s that complete on the Admin
 * client's own network thread; {@link #call} adapts them to {@link Uni} with a timeout, so nothing waits on an event
 * loop.
 */
@ApplicationScoped
public class KafkaAdmin {

    private final Admin admin;
    private final Duration timeout;

    public KafkaAdmin(@Identifier("default-kafka-broker") Map<String, Object> kafka, SamplingConfig config) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        int ms = (int) config.kafkaTimeout().toMillis();
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "ops-monitoring");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(settings);
        this.timeout = config.kafkaTimeout();
    }

    /** {@code timeout} in ms, for the calls' own options. */
    public int timeoutMs() {
        return (int) timeout.toMillis();
    }

    /** Runs one Admin call; fails with a {@link TimeoutException} after the configured timeout. */
    public <T> Uni<T> call(Function<Admin, KafkaFuture<T>> call) {
        return Uni.createFrom().deferred(() -> Uni.createFrom().completionStage(call.apply(admin).toCompletionStage()))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("Kafka did not answer within " + timeout));
    }

    /**
     * Runs a call that answers per key and keeps the keys that succeeded (a partition without a leader, a broker that
     * is down, a group that vanished must not cost the whole reading).
     */
    public <K, V> Uni<Map<K, V>> callEach(Function<Admin, Map<K, KafkaFuture<V>>> call) {
        return Uni.createFrom().deferred(() -> {
            Map<K, KafkaFuture<V>> futures = call.apply(admin);
            Map<K, CompletableFuture<V>> answers = new LinkedHashMap<>();
            futures.forEach((key, future) -> {
                CompletableFuture<V> answer = new CompletableFuture<>();
                future.whenComplete((value, failure) -> answer.complete(failure == null ? value : null));
                answers.put(key, answer);
            });
            return Uni.createFrom().completionStage(CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> {
                        Map<K, V> result = new LinkedHashMap<>();
                        answers.forEach((key, answer) -> {
                            V value = answer.getNow(null);
                            if (value != null) {
                                result.put(key, value);
                            }
                        });
                        return result;
                    }));
        }).ifNoItem().after(timeout).failWith(() -> new TimeoutException("Kafka did not answer within " + timeout));
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
