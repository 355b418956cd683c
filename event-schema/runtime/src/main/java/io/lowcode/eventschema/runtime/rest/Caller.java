package io.lowcode.eventschema.runtime.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.problem.ProblemException;

/**
 * Who makes a request and which business flow it belongs to: the user is the verified bearer token's subject
 * (never a header a client could set), the correlation id the {@code X-Correlation-Id} header. Both end up on
 * every event the request emits.
 *
 * @param userId        the acting user: the token's {@code sub}, else its principal name
 * @param correlationId the header's value, or a new UUID
 */
public record Caller(String userId, String correlationId) {

    /** The longest user or correlation id an event accepts (its JSON Schema). */
    static final int MAX_LENGTH = 128;

    /** From the request's verified token and raw correlation header (may be {@code null}); 400 when it is too long. */
    public static Caller of(JsonWebToken token, String correlationIdHeader) {
        String subject = token == null ? null : token.getSubject();
        if (blank(subject) && token != null) {
            subject = token.getName();
        }
        String userId = blank(subject) ? RequestHeaders.ANONYMOUS : subject.strip();
        String correlationId = blank(correlationIdHeader) ? UUID.randomUUID().toString() : correlationIdHeader.strip();
        if (userId.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("sub", "the token's subject must be at most " + MAX_LENGTH + " characters");
        }
        if (correlationId.length() > MAX_LENGTH) {
            throw ProblemException.badRequest(RequestHeaders.CORRELATION_ID, "must be at most " + MAX_LENGTH + " characters");
        }
        return new Caller(userId, correlationId);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
