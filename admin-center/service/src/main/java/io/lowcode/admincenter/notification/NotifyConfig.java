package io.lowcode.admincenter.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The notifier's settings ({@code lowcode.notify.*}). Secrets (SMTP password, SMS API key, bot secrets and bot URLs,
 * which carry access tokens) come from the environment (a Secret in production), never from committed files. The
 * SMTP connection itself is {@code quarkus.mailer.*}.
 */
@ConfigMapping(prefix = "lowcode.notify")
public interface NotifyConfig {

    /**
     * Channels allowed per severity. A {@code notification.requested} is delivered on the channels it asks for AND
     * that its severity routes to (the intersection); an alert, which names no channels, on all its severity routes to.
     */
    Routing routing();

    /** Identical notifications (template, parameters, recipient, channel) within this window are SUPPRESSED. */
    @WithDefault("10M")
    Duration dedupWindow();

    RateLimit rateLimit();

    /**
     * How long finished deliveries (SENT, FAILED, SUPPRESSED, RATE_LIMITED, SKIPPED) stay in the log; purged hourly.
     * Keep it longer than the de-duplication and rate-limit windows, which count these rows.
     */
    @WithDefault("30D")
    Duration retention();

    Dispatch dispatch();

    Sms sms();

    /** IM bots by name: {@code lowcode.notify.im.bots.<name>.url/format/secret/severities}. */
    Im im();

    interface Routing {
        @WithDefault("EMAIL")
        Set<Channel> info();

        @WithDefault("EMAIL,IM")
        Set<Channel> warning();

        @WithDefault("EMAIL,SMS,IM")
        Set<Channel> critical();

        default Set<Channel> of(Severity severity) {
            return switch (severity) {
                case INFO -> info();
                case WARNING -> warning();
                case CRITICAL -> critical();
            };
        }
    }

    interface RateLimit {
        /** Deliveries one person gets on one channel per {@link #window()}; more are RATE_LIMITED. */
        @WithDefault("20")
        int maxPerWindow();

        /**
         * Messages one IM bot gets per {@link #window()}; more are RATE_LIMITED. Providers throttle bots themselves
         * (DingTalk: 20 a minute), so this keeps a storm from being refused there and retried in vain.
         */
        @WithDefault("600")
        int botMaxPerWindow();

        @WithDefault("1H")
        Duration window();
    }

    interface Dispatch {
        /** Whether this pod delivers at all (the consumer still writes PENDING rows; another pod may deliver). */
        @WithDefault("true")
        boolean enabled();

        /** How often each channel looks for due deliveries, at least 1s (new rows and due retries wake it anyway). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Rows one claim takes at most, per channel. */
        @WithDefault("50")
        int batchSize();

        /** Sends in flight at most, per channel: a hanging channel holds only its own slots. */
        @WithDefault("8")
        int concurrency();

        /** Upper bound of one send (SMTP conversation or HTTP request). */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Attempts per delivery, the first included; then FAILED and dead-lettered. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the second attempt; doubles each time up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("5M")
        Duration maxBackoff();
    }

    interface Sms {
        /** The provider's HTTP endpoint (POST JSON); without it, SMS deliveries fail and are dead-lettered. */
        Optional<String> endpoint();

        /** Header carrying the API key. */
        @WithDefault("X-Api-Key")
        String apiKeyHeader();

        /** The API key (LOWCODE_NOTIFY_SMS_API_KEY, from a Secret). */
        Optional<String> apiKey();

        /** Sender id or number some providers require; sent as {@code from} when set. */
        Optional<String> sender();
    }

    interface Im {
        Map<String, Bot> bots();
    }

    interface Bot {
        /** The webhook URL (with its access token: keep it in a Secret). */
        String url();

        /** generic, dingtalk, wecom, feishu or slack. */
        @WithDefault("generic")
        String format();

        /** Signing secret for dingtalk and feishu ("加签"); unsigned when absent. */
        Optional<String> secret();

        /** Severities this bot receives. */
        @WithDefault("INFO,WARNING,CRITICAL")
        Set<Severity> severities();
    }

    Alerts alerts();

    interface Alerts {
        /** Alerts become notifications for the members of these roles. */
        @WithDefault("ops")
        List<String> roles();
    }
}
