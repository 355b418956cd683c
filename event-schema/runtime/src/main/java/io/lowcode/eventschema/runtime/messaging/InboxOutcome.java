package io.lowcode.eventschema.runtime.messaging;

/** What happened to one consumed record. */
public enum InboxOutcome {
    /** Applied: its id was new for this consumer and the handler's change committed with it. */
    APPLIED("applied"),
    /** Skipped: this consumer had applied that event id before (a redelivery). */
    DUPLICATE("duplicate"),
    /** Acknowledged without a transaction: a type this consumer does not apply (it shares the topic). */
    IGNORED("ignored"),
    /**
     * Skipped: older than the last change this consumer applied to the same state object (a late delivery or a
     * replay); applying it would undo the newer change. Its id is recorded, so a redelivery is a duplicate.
     */
    STALE("stale");

    private final String label;

    InboxOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
