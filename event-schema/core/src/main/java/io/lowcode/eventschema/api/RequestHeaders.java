package io.lowcode.eventschema.api;

/** HTTP headers every service's API understands; shared by the services and their typed clients. */
public final class RequestHeaders {

    /** The acting user (until authentication arrives); {@value #ANONYMOUS} when absent. */
    public static final String USER_ID = "X-User-Id";
    /** Ties a request to the events it causes; a new UUID when absent. */
    public static final String CORRELATION_ID = "X-Correlation-Id";
    /** On responses of writes: {@code published} if Kafka acknowledged the events in time, else {@code pending}. */
    public static final String EVENT_DELIVERY = "X-Event-Delivery";
    /** The user when {@link #USER_ID} is absent. */
    public static final String ANONYMOUS = "anonymous";

    private RequestHeaders() {
    }
}
