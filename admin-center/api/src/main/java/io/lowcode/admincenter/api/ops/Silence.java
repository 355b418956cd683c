package io.lowcode.admincenter.api.ops;

import java.time.Instant;

/**
 * A silence: alerts it matches are recorded but not notified until it ends.
 *
 * @param id        silence id
 * @param rule      the rule it silences, or {@code null} for every rule
 * @param target    the target it silences, or {@code null} for every target of the rule
 * @param reason    why
 * @param createdBy who created it
 * @param createdAt when
 * @param endsAt    when it ends by itself
 * @param endedAt   when it was deleted before that, or {@code null}
 * @param endedBy   who deleted it, or {@code null}
 */
public record Silence(String id, String rule, String target, String reason, String createdBy, Instant createdAt,
        Instant endsAt, Instant endedAt, String endedBy) {
}
