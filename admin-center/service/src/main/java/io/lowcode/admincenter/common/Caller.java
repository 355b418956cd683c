package io.lowcode.admincenter.common;

import java.util.UUID;

import io.lowcode.admincenter.api.AdminCenterHeaders;
import io.lowcode.eventschema.runtime.problem.ProblemException;

/**
 * Who makes a request and which business flow it belongs to, from the {@code X-User-Id} and
 * {@code X-Correlation-Id} headers (until authentication arrives). Both end up on every event the request emits.
 *
 * @param userId        the acting user, {@value AdminCenterHeaders#ANONYMOUS} when the header is absent
 * @param correlationId the header's value, or a new UUID
 */
public record Caller(String userId, String correlationId) {

    /** The longest user or correlation id an event accepts (its JSON Schema). */
    static final int MAX_LENGTH = 128;

    /** From the raw header values (either may be {@code null}); 400 when one is too long for an event. */
    public static Caller of(String userIdHeader, String correlationIdHeader) {
        String userId = blank(userIdHeader) ? AdminCenterHeaders.ANONYMOUS : userIdHeader.strip();
        String correlationId = blank(correlationIdHeader) ? UUID.randomUUID().toString() : correlationIdHeader.strip();
        requireShort(AdminCenterHeaders.USER_ID, userId);
        requireShort(AdminCenterHeaders.CORRELATION_ID, correlationId);
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
