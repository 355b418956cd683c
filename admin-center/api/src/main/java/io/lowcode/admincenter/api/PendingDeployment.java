package io.lowcode.admincenter.api;

import java.time.Instant;

/**
 * A published version nobody has deployed yet.
 *
 * @param functionUnitId the unit
 * @param name           the unit's display name
 * @param version        the published version
 * @param changelog      what changed, or {@code null}
 * @param contentDigest  SHA-256 of the published definition, lower-case hex
 * @param publishedAt    when it was published
 */
public record PendingDeployment(String functionUnitId, String name, String version, String changelog,
        String contentDigest, Instant publishedAt) {
}
