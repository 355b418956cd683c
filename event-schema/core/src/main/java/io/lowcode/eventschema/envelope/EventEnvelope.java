package io.lowcode.eventschema.envelope;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.payload.EventPayload;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One event as a CloudEvents 1.0 envelope (structured mode, {@code application/cloudevents+json}).
 * Component names are the CloudEvents attribute names, exactly as they appear in the JSON;
 * {@code eventversion}, {@code correlationid}, {@code userid}, {@code sessionid} and
 * {@code traceparent} are extension attributes. An envelope always holds the <em>current</em>
 * version of its type: older versions are upcast when read.
 *
 * <p>Create one with {@link #of(EventType, String, EventPayload)} and the {@code with…} methods;
 * the canonical constructor checks that the attributes agree with each other. Write and read it with
 * {@link io.lowcode.eventschema.serde.EventCodec}, not with a general-purpose {@code ObjectMapper}.
 *
 * @param specversion     always {@value #SPEC_VERSION}
 * @param id              event id, a random UUID; consumers deduplicate on it
 * @param type            the event type
 * @param source          producing module, e.g. {@code /lowcode/workstation}
 * @param subject         id of the business object; also the Kafka record key
 * @param time            when it happened (microsecond precision when created here)
 * @param datacontenttype always {@value #DATA_CONTENT_TYPE}
 * @param dataschema      URI of the JSON Schema of {@code type} at {@code eventversion}
 * @param eventversion    version of the event type, the current one
 * @param correlationid   ties the events of one business flow together, or {@code null}
 * @param userid          user on whose behalf it was produced, or {@code null}
 * @param sessionid       that user's session, or {@code null}
 * @param traceparent     W3C trace context of the causing request, or {@code null}
 * @param data            operation, status and typed payload
 * @param <P>             payload type
 */
public record EventEnvelope<P extends EventPayload>(
        String specversion,
        String id,
        EventType type,
        String source,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        int eventversion,
        String correlationid,
        String userid,
        String sessionid,
        String traceparent,
        EventData<P> data) {

    /** The CloudEvents specification version written and accepted. */
    public static final String SPEC_VERSION = "1.0";
    /** Media type of {@code data}. */
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Media type of a whole structured-mode event, also the Kafka {@code content-type} header. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /** Attributes a reader requires, in the order it checks them. */
    public static final List<String> REQUIRED_ATTRIBUTES =
            List.of("specversion", "id", "type", "source", "subject", "time", "eventversion", "data");

    private static final AtomicLong LAST_MICROS = new AtomicLong();

    public EventEnvelope {
        require(SPEC_VERSION.equals(specversion), "specversion must be " + SPEC_VERSION + ": " + specversion);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        require(DATA_CONTENT_TYPE.equals(datacontenttype), "datacontenttype must be " + DATA_CONTENT_TYPE);
        require(eventversion == type.currentVersion(),
                "eventversion of " + type.type() + " must be the current " + type.currentVersion() + ": " + eventversion);
        require(type.schemaUri(eventversion).equals(dataschema), "dataschema must be " + type.schemaUri(eventversion));
        require(type.payloadClass().isInstance(data.payload()),
                type.type() + " carries " + type.payloadClass().getSimpleName() + ", not "
                        + data.payload().getClass().getSimpleName());
    }

    /**
     * A new event of {@code type} about {@code subject}: random id, the current time (microseconds, strictly
     * increasing within this JVM, so two events made one after the other are ordered by time), the type's
     * current version, default operation and status, and its first producer as source.
     *
     * @throws IllegalArgumentException if the payload is not the type's payload class
     */
    public static <P extends EventPayload> EventEnvelope<P> of(EventType type, String subject, P payload) {
        Objects.requireNonNull(type, "type");
        int version = type.currentVersion();
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID().toString(), type, type.defaultSource().source(),
                subject, uniqueNow(), DATA_CONTENT_TYPE, type.schemaUri(version),
                version, null, null, null, null,
                new EventData<>(type.defaultOperation(), type.defaultStatus(), payload));
    }

    /** The payload, typed. */
    public P payload() {
        return data.payload();
    }

    /**
     * The payload as {@code payloadClass}.
     *
     * @throws IllegalArgumentException if this event carries another payload
     */
    public <Q extends EventPayload> Q payloadAs(Class<Q> payloadClass) {
        if (!payloadClass.isInstance(data.payload())) {
            throw new IllegalArgumentException("event " + id + " of type " + type.type() + " carries "
                    + data.payload().getClass().getSimpleName() + ", not " + payloadClass.getSimpleName());
        }
        return payloadClass.cast(data.payload());
    }

    public EventEnvelope<P> withId(String newId) {
        return new EventEnvelope<>(specversion, newId, type, source, subject, time, datacontenttype, dataschema,
                eventversion, correlationid, userid, sessionid, traceparent, data);
    }

    public EventEnvelope<P> withTime(Instant newTime) {
        return new EventEnvelope<>(specversion, id, type, source, subject, newTime, datacontenttype, dataschema,
                eventversion, correlationid, userid, sessionid, traceparent, data);
    }

    public EventEnvelope<P> withSource(SourceModule module) {
        return new EventEnvelope<>(specversion, id, type, module.source(), subject, time, datacontenttype,
                dataschema, eventversion, correlationid, userid, sessionid, traceparent, data);
    }

    public EventEnvelope<P> withCorrelationId(String newCorrelationId) {
        return new EventEnvelope<>(specversion, id, type, source, subject, time, datacontenttype, dataschema,
                eventversion, newCorrelationId, userid, sessionid, traceparent, data);
    }

    public EventEnvelope<P> withUserId(String newUserId) {
        return new EventEnvelope<>(specversion, id, type, source, subject, time, datacontenttype, dataschema,
                eventversion, correlationid, newUserId, sessionid, traceparent, data);
    }

    public EventEnvelope<P> withSessionId(String newSessionId) {
        return new EventEnvelope<>(specversion, id, type, source, subject, time, datacontenttype, dataschema,
                eventversion, correlationid, userid, newSessionId, traceparent, data);
    }

    /** @param newTraceparent a W3C {@code traceparent} header value, e.g. {@code 00-<trace>-<span>-01} */
    public EventEnvelope<P> withTraceparent(String newTraceparent) {
        return new EventEnvelope<>(specversion, id, type, source, subject, time, datacontenttype, dataschema,
                eventversion, correlationid, userid, sessionid, newTraceparent, data);
    }

    public EventEnvelope<P> withOperation(Operation operation) {
        return withData(new EventData<>(operation, data.status(), data.payload()));
    }

    public EventEnvelope<P> withStatus(Status status) {
        return withData(new EventData<>(data.operation(), status, data.payload()));
    }

    private EventEnvelope<P> withData(EventData<P> newData) {
        return new EventEnvelope<>(specversion, id, type, source, subject, time, datacontenttype, dataschema,
                eventversion, correlationid, userid, sessionid, traceparent, newData);
    }

    /**
     * The current time in microseconds, never the same twice in this JVM: consumers order one object's changes
     * by time (then id), and events made back to back must not tie.
     */
    static Instant uniqueNow() {
        Instant now = Instant.now();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        long unique = LAST_MICROS.updateAndGet(last -> Math.max(last + 1, micros));
        return Instant.ofEpochSecond(Math.floorDiv(unique, 1_000_000L), Math.floorMod(unique, 1_000_000L) * 1_000L);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
