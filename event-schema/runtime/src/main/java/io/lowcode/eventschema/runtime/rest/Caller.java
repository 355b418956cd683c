package io.lowcode.eventschema.runtime.rest;

import java.util.UUID;

import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.problem.ProblemException;

/**
 * Who makes a request and which business flow it belongs to, from the {@code X-User-Id} and
 * {@code X-Correlation-Id} headers (until authentication arrives). Both end up on every event the request emits.
 *
 * @param userId        the acting user, {@value RequestHeaders#ANONYMOUS} when the header is absent
 * @param correlationId the header's value, or a new UUID
 */
public record Caller(String userId, String correlationId) {

    /** The longest user or correlation id an event accepts (its JSON Schema). */
    static final int MAX_LENGTH = 128;

    /** From the raw header values (either may be {@code null}); 400 when one is too long for an event. */
    public static Caller of(String userIdHeader, String correlationIdHeader) {
        String userId = blank(userIdHeader) ? RequestHeaders.ANONYMOUS : userIdHeader.strip();
        String correlationId = blank(correlationIdHeader) ? UUID.randomUUID().toString() : correlationIdHeader.strip();
        requireShort(RequestHeaders.USER_ID, userId);
        requireShort(RequestHeaders.CORRELATION_ID, correlationId);
        return new Caller(userId, correlationId);
    }

    private static void requireShort(String header, String value) {
        if (value.length() > MAX_LENGTH) {
            throw ProblemException.badRequest(header, "must be at most " + MAX_LENGTH + " characters");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
