package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/ops/event-flow}: per service and event type what was published, consumed, retried and
 * dead-lettered, read from each service's {@code /q/metrics}, and each service's outbox.
 *
 * @param sampledAt when the newest scrape ended
 * @param services  one entry per configured service
 */
public record EventFlow(Instant sampledAt, List<ServiceFlow> services) {

    /**
     * One service.
     *
     * @param service                 its name ({@code lowcode.ops.services.<name>})
     * @param reachable               whether its last scrape succeeded
     * @param error                   why not, else {@code null}
     * @param outboxBacklog           events committed but not yet acknowledged by Kafka
     * @param outboxOldestAgeSeconds  age of the oldest of them (0 when the outbox is empty)
     * @param types                   per event type
     */
    public record ServiceFlow(String service, boolean reachable, String error, Long outboxBacklog,
            Double outboxOldestAgeSeconds, List<TypeFlow> types) {
    }

    /**
     * One event type in one service: totals since the service started, and rates per second over the last minute
     * ({@code null} until two scrapes exist).
     *
     * @param type          event type
     * @param published     acknowledged by Kafka
     * @param publishFailed sends Kafka did not acknowledge (retried from the outbox)
     * @param consumed      applied or skipped by a consumer
     * @param retried       transient failures retried
     * @param deadLettered  sent to a dead-letter topic
     */
    public record TypeFlow(String type, long published, long publishFailed, long consumed, long retried,
            long deadLettered, Double publishedPerSecond, Double consumedPerSecond, Double retriedPerSecond,
            Double deadLetteredPerSecond) {
    }
}
