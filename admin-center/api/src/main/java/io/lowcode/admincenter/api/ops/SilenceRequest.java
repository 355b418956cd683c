package io.lowcode.admincenter.api.ops;

import java.time.Instant;

/**
 * {@code POST /api/v1/ops/alerts/silences}: silence a rule (or one target of it, or everything) until {@code endsAt}.
 *
 * @param rule   a rule name, or {@code null} for every rule (then {@code target} must be {@code null} too)
 * @param target one target of the rule, or {@code null} for all of them
 * @param endsAt when the silence ends: in the future, at most {@code lowcode.ops.alerts.max-silence} ahead
 * @param reason why (required, at most 500 characters)
 */
public record SilenceRequest(String rule, String target, Instant endsAt, String reason) {
}
