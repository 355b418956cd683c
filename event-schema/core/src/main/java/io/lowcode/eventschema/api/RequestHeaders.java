package io.lowcode.eventschema.api;

/** HTTP headers every service's API understands; shared by the services and their typed clients. */
public final class RequestHeaders {

    /** {@code Authorization: Bearer <JWT>} on every API call; the token's subject is the acting user. */
    public static final String AUTHORIZATION = "Authorization";
    /** Ties a request to the events it causes; a new UUID when absent. */
    public static final String CORRELATION_ID = "X-Correlation-Id";
    /** On responses of writes: {@code published} if Kafka acknowledged the events in time, else {@code pending}. */
    public static final String EVENT_DELIVERY = "X-Event-Delivery";
    /** The user of a token without a subject (never on an authenticated request in practice). */
    public static final String ANONYMOUS = "anonymous";

    private RequestHeaders() {
    }
}
