package io.lowcode.workstation.api;

import java.time.Instant;

/**
 * One change to a function unit's draft or its collaborators, as the audit trail keeps it.
 *
 * @param action      {@code created}, {@code edited}, {@code collaborators} or {@code published}
 * @param by          the user who made it (the token's subject)
 * @param at          when
 * @param draftDigest SHA-256 of the draft after the change
 * @param correlationId the request's correlation id
 */
public record DraftEdit(String action, String by, Instant at, String draftDigest, String correlationId) {
}
