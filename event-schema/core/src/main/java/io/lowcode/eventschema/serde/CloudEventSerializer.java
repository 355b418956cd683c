package io.lowcode.eventschema.serde;

import io.lowcode.eventschema.envelope.EventEnvelope;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Kafka value serializer for events in CloudEvents structured mode: the value is the JSON of
 * {@link EventCodec#serialize(EventEnvelope)} and the record gets the header
 * {@code content-type: application/cloudevents+json}. The record key should be
 * {@link EventEnvelope#subject()}. A {@code null} event is written as a {@code null} value.
 */
public final class CloudEventSerializer implements Serializer<EventEnvelope<?>> {

    /** The Kafka header naming the media type of the value. */
    public static final String CONTENT_TYPE_HEADER = "content-type";

    private static final byte[] CONTENT_TYPE = EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final EventCodec codec;

    /** For Kafka's reflective instantiation from configuration: uses {@link EventCodec#shared()}. */
    public CloudEventSerializer() {
        this(EventCodec.shared());
    }

    public CloudEventSerializer(EventCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public byte[] serialize(String topic, EventEnvelope<?> event) {
        return event == null ? null : codec.serialize(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, EventEnvelope<?> event) {
        byte[] value = serialize(topic, event);
        if (value != null && headers != null) {
            headers.remove(CONTENT_TYPE_HEADER);
            headers.add(CONTENT_TYPE_HEADER, CONTENT_TYPE);
        }
        return value;
    }
}
