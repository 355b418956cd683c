package io.lowcode.admincenter.api.ops;

import java.util.Map;

/**
 * {@code PUT /api/v1/ops/configuration}: change some managed parameters; the others keep their values.
 *
 * @param expectedVersion the version the change is based on; when given and no longer the newest, 409
 *                        {@code configuration-changed} (someone else changed it meanwhile)
 * @param reason          why (required, 1..500 characters): kept with the version and in the audit log
 * @param parameters      key → new value (text), 1..100 of them
 */
public record ConfigurationChange(Integer expectedVersion, String reason, Map<String, String> parameters) {
}
