package io.lowcode.eventschema.serde;

import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.InvalidEventException.Reason;
import io.lowcode.eventschema.envelope.EventEnvelope;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Kafka value deserializer for events in CloudEvents structured mode. Throws only
 * {@link InvalidEventException}, so the consumer's failure strategy can dead-letter the record with
 * the reason: a {@code null} value (our topics have no tombstones), a {@code content-type} header
 * other than {@code application/cloudevents+json} (binary mode is not supported), or anything
 * {@link EventCodec#deserialize(byte[])} rejects. A missing header is accepted.
 */
public final class CloudEventDeserializer implements Deserializer<EventEnvelope<?>> {

    private final EventCodec codec;

    /** For Kafka's reflective instantiation from configuration: uses {@link EventCodec#shared()}. */
    public CloudEventDeserializer() {
        this(EventCodec.shared());
    }

    public CloudEventDeserializer(EventCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public EventEnvelope<?> deserialize(String topic, byte[] value) {
        if (value == null) {
            throw new InvalidEventException("", Reason.MALFORMED_JSON, "record on " + topic + " has no value");
        }
        return codec.deserialize(value);
    }

    @Override
    public EventEnvelope<?> deserialize(String topic, Headers headers, byte[] value) {
        Header header = headers == null ? null : headers.lastHeader(CloudEventSerializer.CONTENT_TYPE_HEADER);
        if (header != null) {
            String contentType = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
            String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!EventEnvelope.CONTENT_TYPE.equals(mediaType)) {
                throw new InvalidEventException(CloudEventSerializer.CONTENT_TYPE_HEADER, Reason.MALFORMED_JSON,
                        "content-type '" + contentType + "' is not " + EventEnvelope.CONTENT_TYPE);
            }
        }
        return deserialize(topic, value);
    }
}
