package io.lowcode.eventschema;

/**
 * What a consumer does when applying an event fails for a reason retrying can cure (its database is down, a
 * lock timed out). Invalid events and permanent failures go to the dead-letter topic at once, whatever this says.
 * A property of the event type ({@link EventType#delivery()}), so every consumer of a type treats it alike.
 */
public enum Delivery {

    /**
     * A bounded number of attempts with backoff ({@code lowcode.messaging.retry.*}), then the dead-letter topic:
     * the partition never waits longer than the retry budget, and ops replay the dead letter once the cause is fixed.
     */
    BOUNDED_RETRIES,

    /**
     * Retried with capped backoff ({@code lowcode.messaging.retry.until-applied.*}) until it is applied, never
     * dead-lettered for a transient failure: losing it would leave access or availability wrong (a revoked
     * permission still allowed, a retired function still offered). The partition waits meanwhile; the consumer
     * group's lag tells ops.
     */
    RETRY_UNTIL_APPLIED
}
