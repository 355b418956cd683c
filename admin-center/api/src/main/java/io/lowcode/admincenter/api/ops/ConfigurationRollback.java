package io.lowcode.admincenter.api.ops;

/**
 * {@code POST /api/v1/ops/configuration/versions/{n}/rollback}.
 *
 * @param reason why (required, 1..500 characters)
 */
public record ConfigurationRollback(String reason) {
}
