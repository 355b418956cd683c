package io.lowcode.eventschema.runtime.gate;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.arc.Unremovable;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;

/**
 * Defers the subscription to every incoming connector channel (the Kafka consumers) until the
 * {@link SchemaGate} opens. The Kafka connector subscribes its consumer to the topic — and so joins the
 * consumer group — only when its stream is subscribed, so until then no group is joined, no partition
 * assigned, nothing fetched. (A pausable channel would not do: its consumer joins the group and only
 * stops fetching.)
 */
@ApplicationScoped
@Unremovable
public class GatedChannels implements PublisherDecorator {

    private final SchemaGate gate;

    public GatedChannels(SchemaGate gate) {
        this.gate = gate;
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelName,
            boolean isConnector) {
        if (!isConnector) {
            return publisher;
        }
        return gate.whenOpen().onItem().<Message<?>>transformToMulti(opened -> publisher);
    }
}
