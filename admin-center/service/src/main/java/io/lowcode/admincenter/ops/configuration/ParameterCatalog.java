package io.lowcode.admincenter.ops.configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.access.service.AuthConfig;
import io.lowcode.admincenter.notification.NotifyConfig;
import io.lowcode.admincenter.ops.alert.AlertsConfig;
import io.lowcode.admincenter.ops.configuration.ParameterSpec.AppliedBy;
import io.lowcode.admincenter.ops.configuration.ParameterSpec.Kind;
import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.runtime.configuration.Durations;
import io.lowcode.eventschema.runtime.configuration.ManagedKeys;
import io.lowcode.eventschema.runtime.messaging.MessagingConfig;

/**
 * Every managed parameter, in the order the console shows them. Defaults are what is in force without the managed
 * configuration: the topic catalog's numbers, the services' properties ({@code lowcode.ops.alerts.*},
 * {@code lowcode.notify.*}, {@code lowcode.messaging.retry.*}), and for the migrator's parameters what the platform did
 * before they were managed (the migrator's own values replace them when it wrote some: {@link MigratorParameters}).
 */
@ApplicationScoped
public class ParameterCatalog {

    public static final String TOPICS = "Topics";
    public static final String ALERTS = "Alert thresholds";
    public static final String NOTIFIER = "Notifier";
    public static final String RETRIES = "Consumer retries";
    public static final String SELF_HEALING = "Self-healing";
    public static final String MIGRATOR = "Migrator parameters";

    private static final String TOPIC_PREFIX = "topics.";
    public static final String RETENTION = ".retention-ms";
    public static final String PARTITIONS = ".partitions";
    private static final long MS_PER_DAY = 86_400_000L;

    private final Map<String, ParameterSpec> specs = new LinkedHashMap<>();

    public ParameterCatalog(AlertsConfig alerts, NotifyConfig notify, MessagingConfig messaging, AuthConfig auth,
            ConfigurationConfig config) {
        for (TopicSpec topic : TopicCatalog.all()) {
            add(new ParameterSpec(retentionKey(topic.name()), TOPICS, Kind.INTEGER, AppliedBy.KAFKA, "Kafka",
                    "retention.ms of " + topic.name() + ": how long its records are kept", 60_000L, 365 * MS_PER_DAY,
                    List.of(), Long.toString(topic.retention().toMillis())));
            add(new ParameterSpec(partitionsKey(topic.name()), TOPICS, Kind.INTEGER, AppliedBy.KAFKA, "Kafka",
                    "partition count of " + topic.name() + ": can only grow; an increase waits until every consumer group "
                            + "of the topic has no lag, because keys move to other partitions", 1, config.maxPartitions(),
                    List.of(), Integer.toString(topic.partitions())));
        }
        add(services(ManagedKeys.ALERT_LAG_THRESHOLD, ALERTS, Kind.INTEGER, "admin-center",
                "consumer-group-lag: total lag of a group above which it fires", 0, 1_000_000_000,
                Long.toString(alerts.consumerGroupLag().threshold())));
        add(services(ManagedKeys.ALERT_LAG_FOR, ALERTS, Kind.DURATION, "admin-center",
                "consumer-group-lag: how long the lag must stay above the threshold", 0, MS_PER_DAY,
                duration(alerts.consumerGroupLag().forDuration())));
        add(services(ManagedKeys.ALERT_DEAD_LETTERS_THRESHOLD, ALERTS, Kind.INTEGER, "admin-center",
                "dead-letters: new records on a dead-letter topic within the look-back above which it fires", 0,
                1_000_000, Long.toString(alerts.deadLetters().threshold())));
        add(services(ManagedKeys.ALERT_OUTBOX_MAX_AGE, ALERTS, Kind.DURATION, "admin-center",
                "outbox-age: age of a service's oldest unpublished outbox row above which it fires", 1000, MS_PER_DAY,
                duration(alerts.outboxAge().maxAge())));
        add(services(ManagedKeys.ALERT_PUBLISH_FAILURES_RATIO, ALERTS, Kind.RATIO, "admin-center",
                "publish-failures: share of failed sends to Kafka above which it fires", 0, 1000,
                Double.toString(alerts.publishFailures().ratio())));
        add(services(ManagedKeys.ALERT_EXECUTION_FAILURES_RATIO, ALERTS, Kind.RATIO, "admin-center",
                "execution-failures: share of failed executions of a deployed version above which it fires", 0, 1000,
                Double.toString(alerts.executionFailures().ratio())));
        add(services(ManagedKeys.NOTIFY_ROUTING_PREFIX + "info", NOTIFIER, Kind.CHANNELS, "admin-center (notifier)",
                "channels INFO notifications may use", 0, 0, channels(notify.routing().info())));
        add(services(ManagedKeys.NOTIFY_ROUTING_PREFIX + "warning", NOTIFIER, Kind.CHANNELS, "admin-center (notifier)",
                "channels WARNING notifications may use", 0, 0, channels(notify.routing().warning())));
        add(services(ManagedKeys.NOTIFY_ROUTING_PREFIX + "critical", NOTIFIER, Kind.CHANNELS, "admin-center (notifier)",
                "channels CRITICAL notifications may use", 0, 0, channels(notify.routing().critical())));
        add(services(ManagedKeys.NOTIFY_RATE_MAX_PER_WINDOW, NOTIFIER, Kind.INTEGER, "admin-center (notifier)",
                "messages one person gets per channel within the window; more are RATE_LIMITED", 1, 100_000,
                Integer.toString(notify.rateLimit().maxPerWindow())));
        add(services(ManagedKeys.NOTIFY_RATE_BOT_MAX_PER_WINDOW, NOTIFIER, Kind.INTEGER, "admin-center (notifier)",
                "messages one IM bot gets within the window", 1, 1_000_000,
                Integer.toString(notify.rateLimit().botMaxPerWindow())));
        add(services(ManagedKeys.NOTIFY_RATE_WINDOW, NOTIFIER, Kind.DURATION, "admin-center (notifier)",
                "the rate limits' window", 60_000, MS_PER_DAY, duration(notify.rateLimit().window())));
        add(services(ManagedKeys.NOTIFY_DEDUP_WINDOW, NOTIFIER, Kind.DURATION, "admin-center (notifier)",
                "the same message to the same person and channel within it is SUPPRESSED", 0, MS_PER_DAY,
                duration(notify.dedupWindow())));
        MessagingConfig.Retry retry = messaging.retry();
        add(services(ManagedKeys.RETRY_MAX_ATTEMPTS, RETRIES, Kind.INTEGER, "every service",
                "attempts of a transient failure (bounded-retries types) before the record is dead-lettered", 1, 20,
                Integer.toString(retry.maxAttempts())));
        add(services(ManagedKeys.RETRY_INITIAL_BACKOFF, RETRIES, Kind.DURATION, "every service",
                "backoff before the second attempt, doubling each time", 10, 60_000, duration(retry.initialBackoff())));
        add(services(ManagedKeys.RETRY_MAX_BACKOFF, RETRIES, Kind.DURATION, "every service",
                "longest backoff between attempts (not below the initial backoff)", 10, 300_000,
                duration(retry.maxBackoff())));
        add(services(ManagedKeys.RETRY_UNTIL_APPLIED_INITIAL_BACKOFF, RETRIES, Kind.DURATION, "every service",
                "retried-until-applied types (access, deploy/retire): first backoff", 10, 60_000,
                duration(retry.untilApplied().initialBackoff())));
        add(services(ManagedKeys.RETRY_UNTIL_APPLIED_MAX_BACKOFF, RETRIES, Kind.DURATION, "every service",
                "retried-until-applied types: longest backoff, so the longest wait after the cause is gone", 10, 300_000,
                duration(retry.untilApplied().maxBackoff())));
        add(services(ManagedKeys.REDRIVE_CONSUMERS, SELF_HEALING, Kind.NAMES, "admin-center",
                "consumers (channel names, e.g. available-functions) whose transient dead letters (retries-exhausted) "
                        + "are replayed automatically once their consumer is healthy again; opt-in, empty for none",
                0, 0, ""));
        add(services(ManagedKeys.REDRIVE_MAX_PER_MINUTE, SELF_HEALING, Kind.INTEGER, "admin-center",
                "most dead letters replayed automatically per minute", 1, 600, "60"));
        add(new ParameterSpec(ManagedKeys.PERMISSION_CACHE_TTL, MIGRATOR, Kind.INTEGER, AppliedBy.RECORDED, "nobody",
                "written per environment by the migrator (release 1.2.0); recorded only: the portal computes "
                        + "permissions from its read model on every request, it keeps no cache that could expire",
                0, 86_400, List.of(), "0"));
        add(services(ManagedKeys.MAX_DIRECT_GRANTS, MIGRATOR, Kind.INTEGER, "admin-center",
                "direct grants one user may hold; one more is refused (409 direct-grant-limit)", 1, 1_000_000,
                "1000"));
        add(services(ManagedKeys.SESSION_IDLE_TIMEOUT, MIGRATOR, Kind.INTEGER, "admin-center",
                "minutes a login lasts: the lifetime of the tokens the admin center issues (a token is the session)",
                1, 1440, Long.toString(Math.max(1, auth.tokenTtl().toMinutes()))));
        add(new ParameterSpec(ManagedKeys.PERMISSION_FORMAT, MIGRATOR, Kind.CHOICE, AppliedBy.RECORDED, "nobody",
                "written by the migrator (release 2.0.0); recorded only: every service reads structured permissions, "
                        + "the only format since 2.0.0", 0, 0, List.of("structured"), "structured"));
    }

    private static ParameterSpec services(String key, String group, Kind kind, String appliesTo, String description,
            long min, long max, String defaultValue) {
        return new ParameterSpec(key, group, kind, AppliedBy.SERVICES, appliesTo, description, min, max, List.of(),
                defaultValue);
    }

    private void add(ParameterSpec spec) {
        specs.put(spec.key(), spec);
    }

    public List<ParameterSpec> all() {
        return new ArrayList<>(specs.values());
    }

    public Optional<ParameterSpec> find(String key) {
        return Optional.ofNullable(specs.get(key));
    }

    /** Every parameter's default, the baseline of version 1. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        specs.values().forEach(s -> defaults.put(s.key(), s.defaultValue()));
        return defaults;
    }

    public static String retentionKey(String topic) {
        return TOPIC_PREFIX + topic + RETENTION;
    }

    public static String partitionsKey(String topic) {
        return TOPIC_PREFIX + topic + PARTITIONS;
    }

    /** The topic of a topic parameter's key, if it is one. */
    public static Optional<String> topicOf(String key) {
        if (!key.startsWith(TOPIC_PREFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(TOPIC_PREFIX.length());
        for (String suffix : List.of(RETENTION, PARTITIONS)) {
            if (rest.endsWith(suffix)) {
                return Optional.of(rest.substring(0, rest.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    private static String duration(Duration d) {
        return Durations.format(d);
    }

    private static String channels(java.util.Set<Channel> channels) {
        return String.join(",", channels.stream().sorted().map(Enum::name).toList());
    }
}
