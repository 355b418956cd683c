package io.lowcode.eventschema.runtime.tracing;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.EventPayload;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * One trace from a request through every event it causes (seed §2.2.1). The event's {@code traceparent} is the W3C
 * trace context of the span that wrote it — the REST request's server span, or the consumer span of the event being
 * applied — so it is stored with the outbox row (in the event) and restored as the parent when the event is consumed:
 * each consumer's span is a child of the producer's, and the events it writes carry its own span.
 */
@ApplicationScoped
public class EventTracing {

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public EventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** {@code event} with the current span's trace context, unless it carries one already. */
    public static <P extends EventPayload> EventEnvelope<P> stamp(EventEnvelope<P> event) {
        if (event.traceparent() != null) {
            return event;
        }
        return current().map(event::withTraceparent).orElse(event);
    }

    /** The current span as a W3C {@code traceparent} value, if there is a valid one. */
    public static Optional<String> current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }

    /**
     * Starts the span of a consumer applying {@code event}, a child of the span that wrote it, and makes it current
     * on the caller's (Vert.x duplicated) context until the returned scope is closed.
     */
    public ConsumerSpan startConsumer(EventEnvelope<?> event, String consumer) {
        Context parent = parentOf(event.traceparent());
        Span span = tracer.spanBuilder(consumer + " apply " + event.type().type())
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", event.type().topic())
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("lowcode.event.type", event.type().type())
                .setAttribute("lowcode.event.subject", event.subject())
                .startSpan();
        return new ConsumerSpan(span, parent.with(span).makeCurrent());
    }

    /** The context a {@code traceparent} names; the root context for none or a malformed one. */
    static Context parentOf(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of("traceparent", traceparent), MAP);
    }

    /** A consumer's span and the scope that made it current: {@link #end} both when the event is done. */
    public record ConsumerSpan(Span span, Scope scope, java.util.concurrent.atomic.AtomicBoolean left) {

        ConsumerSpan(Span span, Scope scope) {
            this(span, scope, new java.util.concurrent.atomic.AtomicBoolean());
        }

        public void end(String outcome, Throwable failure) {
            leave();
            span.setAttribute("lowcode.inbox.outcome", outcome);
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.toString());
            }
            span.end();
        }

        /**
         * Stops being the current span (the next event of a batch gets its own) without ending it: {@link #end} does
         * that when the batch's transaction is over. Closing twice closes once.
         */
        public void leave() {
            if (left.compareAndSet(false, true)) {
                scope.close();
            }
        }
    }
}
