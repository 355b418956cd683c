package io.lowcode.admincenter.ops.alert;

import java.time.Duration;
import java.util.Set;

import io.lowcode.admincenter.ops.monitoring.LagStatus;
import io.lowcode.eventschema.payload.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The alert rules ({@code lowcode.ops.alerts.*}): how often they are evaluated, and per rule whether it runs, its
 * severity, how long its condition must hold before it fires ({@code for}) and its threshold. The same thresholds are
 * in the PrometheusRule of k8s/monitoring (AlertThresholdsMatchPrometheusRuleTest compares them).
 */
@ConfigMapping(prefix = "lowcode.ops.alerts")
public interface AlertsConfig {

    /** Whether this pod may evaluate rules (one pod at a time does, through a lease row). */
    @WithDefault("true")
    boolean enabled();

    /** Time between two evaluations. */
    @WithDefault("15s")
    Duration interval();

    /** How long the evaluating pod holds the lease; another pod takes over after it ran out. Above the interval. */
    @WithDefault("45s")
    Duration leaseTtl();

    /** The longest silence that may be created. */
    @WithDefault("7D")
    Duration maxSilence();

    /** A consumer group's Burrow status is one of {@code statuses}. */
    ConsumerGroupStatus consumerGroupStatus();

    /** A consumer group's total lag stays above {@code threshold}. */
    ConsumerGroupLag consumerGroupLag();

    /** A registered broker is fenced (down), or the cluster does not answer at all. */
    Rule brokerDown();

    /** Partitions with fewer in-sync replicas than replicas (or than min.insync.replicas). */
    Rule underReplicatedPartitions();

    /** Partitions without a leader. */
    Rule offlinePartitions();

    /** A dead-letter topic gained more than {@code threshold} records within {@code lookback}. */
    DeadLetters deadLetters();

    /** A service's oldest unpublished outbox row is older than {@code max-age}. */
    OutboxAge outboxAge();

    /** More than {@code ratio} of a service's sends failed over the rate span. */
    PublishFailures publishFailures();

    /** The migrator's latest run ended FAILED ({@code ops_migrator.run}; absent table = nothing to say). */
    Rule migrationFailed();

    /** A deployed function unit's executions failed more than {@code ratio} of the time within {@code window}. */
    ExecutionFailures executionFailures();

    interface Rule {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("CRITICAL")
        Severity severity();

        /** How long the condition must hold before the alert fires ({@code lowcode.ops.alerts.<rule>.for}). */
        @WithName("for")
        @WithDefault("0s")
        Duration forDuration();
    }

    interface ConsumerGroupStatus extends Rule {
        /** Group statuses that fire. */
        @WithDefault("ERR,STALL,STOP,REWIND")
        Set<LagStatus.Group> statuses();

        /** Groups watched (a regular expression): the platform's own, not a tool's leftover group. */
        @WithDefault("(workstation|admin-center|portal)[.].+")
        String groups();
    }

    interface ConsumerGroupLag extends Rule {
        @WithDefault("1000")
        long threshold();

        @WithDefault("(workstation|admin-center|portal)[.].+")
        String groups();
    }

    interface DeadLetters extends Rule {
        @WithDefault("0")
        long threshold();

        @WithDefault("15M")
        Duration lookback();
    }

    interface OutboxAge extends Rule {
        @WithDefault("60s")
        Duration maxAge();
    }

    interface PublishFailures extends Rule {
        @WithDefault("0.05")
        double ratio();

        /** Fewer sends than this over the span say nothing. */
        @WithDefault("20")
        long minEvents();
    }

    interface ExecutionFailures extends Rule {
        @WithDefault("0.5")
        double ratio();

        @WithDefault("10")
        long minExecutions();

        @WithDefault("15M")
        Duration window();
    }
}
