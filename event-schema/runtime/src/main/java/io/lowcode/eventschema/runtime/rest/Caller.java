package io.lowcode.eventschema.runtime.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.EventPayload;
import io.lowcode.eventschema.runtime.problem.ProblemException;

/**
 * Who makes a request and which business flow it belongs to: the user is the verified bearer token's subject
 * (never a header a client could set), the session the token's {@code sid} claim (one per login), the correlation id
 * the {@code X-Correlation-Id} header. All three end up on every event the request emits ({@link #stamp}).
 *
 * @param userId        the acting user: the token's {@code sub}, else its principal name
 * @param correlationId the header's value, or a new UUID
 * @param sessionId     the login session ({@code sid} claim), or {@code null} for a token without one
 */
public record Caller(String userId, String correlationId, String sessionId) {

    /** The claim that names the login session of a token (the OpenID Connect session id claim). */
    public static final String SESSION_CLAIM = "sid";
    /** The longest user, session or correlation id an event accepts (its JSON Schema). */
    static final int MAX_LENGTH = 128;
    /**
     * What a correlation id from a client may look like: letters, digits and {@code . _ : -}, 1 to 128 of them (a
     * UUID, a W3C trace id, a ticket number) — nothing that could forge a log line or break a header.
     */
    public static final java.util.regex.Pattern CORRELATION_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** A caller that is the platform itself (a bootstrap, a schedule), with no session. */
    public Caller(String userId, String correlationId) {
        this(userId, correlationId, null);
    }

    /**
     * From the request's verified token and raw correlation header (may be {@code null}); 400 when the header does not
     * match {@link #CORRELATION_ID}.
     */
    public static Caller of(JsonWebToken token, String correlationIdHeader) {
        String subject = token == null ? null : token.getSubject();
        if (blank(subject) && token != null) {
            subject = token.getName();
        }
        String userId = blank(subject) ? RequestHeaders.ANONYMOUS : subject.strip();
        String correlationId = blank(correlationIdHeader) ? UUID.randomUUID().toString() : correlationIdHeader.strip();
        Object sid = token == null ? null : token.getClaim(SESSION_CLAIM);
        String sessionId = sid == null || blank(sid.toString()) ? null : sid.toString().strip();
        if (userId.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("sub", "the token's subject must be at most " + MAX_LENGTH + " characters");
        }
        if (sessionId != null && sessionId.length() > MAX_LENGTH) {
            throw ProblemException.badRequest(SESSION_CLAIM, "the token's session id must be at most " + MAX_LENGTH
                    + " characters");
        }
        if (!CORRELATION_ID.matcher(correlationId).matches()) {
            throw ProblemException.badRequest(RequestHeaders.CORRELATION_ID, "must be 1 to " + MAX_LENGTH
                    + " letters, digits, '.', '_', ':' or '-'");
        }
        return new Caller(userId, correlationId, sessionId);
    }

    /** {@code event} on behalf of this caller: its correlation id, user and session. */
    public <P extends EventPayload> EventEnvelope<P> stamp(EventEnvelope<P> event) {
        EventEnvelope<P> stamped = event.withCorrelationId(correlationId).withUserId(userId);
        return sessionId == null ? stamped : stamped.withSessionId(sessionId);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
