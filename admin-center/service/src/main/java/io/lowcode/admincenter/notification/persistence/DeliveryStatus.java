package io.lowcode.admincenter.notification.persistence;

/** States of a row of {@code notification_delivery}; see {@code V8__notifications.sql} for the transitions. */
public enum DeliveryStatus {
    /** Written by the consumer; due for its first attempt. */
    PENDING,
    /** Claimed by a dispatcher; {@code next_attempt_at} is the end of its lease. */
    SENDING,
    /** An attempt failed; due again at {@code next_attempt_at}. */
    RETRY,
    SENT,
    /** Every attempt failed (or a permanent failure): dead-lettered. */
    FAILED,
    /** The same message went to the same recipient on the same channel within the de-duplication window. */
    SUPPRESSED,
    /** The recipient had their share of messages on this channel within the rate-limit window. */
    RATE_LIMITED,
    /** No address for the channel (e.g. no phone number on record). */
    SKIPPED
}
