package io.lowcode.eventschema.runtime.configuration;

/**
 * Keys of the service parameters that {@code configuration.changed} carries and the services apply (the admin
 * center's parameter catalog documents each one, its bounds and default). The one place that spells them.
 */
public final class ManagedKeys {

    /** Consumer retries ({@code lowcode.messaging.retry.*}): every service. */
    public static final String RETRY_MAX_ATTEMPTS = "messaging.retry.max-attempts";
    public static final String RETRY_INITIAL_BACKOFF = "messaging.retry.initial-backoff";
    public static final String RETRY_MAX_BACKOFF = "messaging.retry.max-backoff";
    public static final String RETRY_UNTIL_APPLIED_INITIAL_BACKOFF = "messaging.retry.until-applied.initial-backoff";
    public static final String RETRY_UNTIL_APPLIED_MAX_BACKOFF = "messaging.retry.until-applied.max-backoff";

    /** Alert thresholds (admin center, {@code lowcode.ops.alerts.*}). */
    public static final String ALERT_LAG_THRESHOLD = "alerts.consumer-group-lag.threshold";
    public static final String ALERT_LAG_FOR = "alerts.consumer-group-lag.for";
    public static final String ALERT_DEAD_LETTERS_THRESHOLD = "alerts.dead-letters.threshold";
    public static final String ALERT_OUTBOX_MAX_AGE = "alerts.outbox-age.max-age";
    public static final String ALERT_PUBLISH_FAILURES_RATIO = "alerts.publish-failures.ratio";
    public static final String ALERT_EXECUTION_FAILURES_RATIO = "alerts.execution-failures.ratio";

    /** Notifier routing per severity and rate limits (admin center, {@code lowcode.notify.*}). */
    public static final String NOTIFY_ROUTING_PREFIX = "notify.routing.";
    public static final String NOTIFY_RATE_MAX_PER_WINDOW = "notify.rate-limit.max-per-window";
    public static final String NOTIFY_RATE_BOT_MAX_PER_WINDOW = "notify.rate-limit.bot-max-per-window";
    public static final String NOTIFY_RATE_WINDOW = "notify.rate-limit.window";
    public static final String NOTIFY_DEDUP_WINDOW = "notify.dedup-window";

    /** Self-healing: which consumers' transient dead letters are redriven automatically, and how fast. */
    public static final String REDRIVE_CONSUMERS = "self-healing.redrive.consumers";
    public static final String REDRIVE_MAX_PER_MINUTE = "self-healing.redrive.max-per-minute";

    /** The migrator's per-environment parameters ({@code ops_migrator.platform_config}). */
    public static final String PERMISSION_CACHE_TTL = "access.permission-cache.ttl-seconds";
    public static final String MAX_DIRECT_GRANTS = "access.max-direct-grants-per-user";
    public static final String SESSION_IDLE_TIMEOUT = "admin.session.idle-timeout-minutes";
    public static final String PERMISSION_FORMAT = "access.permission-format";

    private ManagedKeys() {
    }
}
