package io.lowcode.workstation.api;

import java.time.Instant;

/**
 * One published version.
 *
 * @param deploymentStatus {@code PUBLISHED} (not deployed), {@code DEPLOYED}, {@code SUPERSEDED} (another version
 *                         was deployed after it) or {@code RETIRED}, as the admin center reported
 */
public record VersionView(String version, String changelog, String contentDigest, Instant publishedAt,
        String deploymentStatus, Instant statusChangedAt) {
}
