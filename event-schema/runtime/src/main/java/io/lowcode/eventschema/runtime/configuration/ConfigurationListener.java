package io.lowcode.eventschema.runtime.configuration;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.InvalidEventException;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.ConfigurationChanged;
import io.lowcode.eventschema.serde.EventCodec;
import io.quarkus.logging.Log;

/**
 * Every pod reads {@code platform-operations-events} from its beginning (channel {@value #CHANNEL}: assigned, not
 * subscribed — no consumer group, nothing committed, so each pod sees every version) and applies the newest
 * {@code configuration.changed} in memory ({@link ManagedParameters}): a new version takes effect within a second of
 * its publication in every pod of every service, without a restart, and a pod that starts reads the versions again.
 * Other types on the topic (incidents) and records it cannot read are skipped; nothing here can hold the channel.
 */
@ApplicationScoped
public class ConfigurationListener {

    /** The channel every service configures ({@code mp.messaging.incoming.platform-configuration.*}). */
    public static final String CHANNEL = "platform-configuration";

    private final EventCodec codec;
    private final ManagedParameters parameters;

    public ConfigurationListener(EventCodec codec, ManagedParameters parameters) {
        this.codec = codec;
        this.parameters = parameters;
    }

    @Incoming(CHANNEL)
    public CompletionStage<Void> onEvent(Message<byte[]> message) {
        try {
            EventEnvelope<?> event = codec.deserialize(message.getPayload());
            if (event.type() == EventType.CONFIGURATION_CHANGED) {
                parameters.apply(event.payloadAs(ConfigurationChanged.class));
            }
        } catch (InvalidEventException e) {
            Log.warnf("skipped an unreadable record on %s: %s", CHANNEL, e.getMessage());
        }
        return message.ack();
    }
}
