package io.lowcode.admincenter.ops.timeline;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The monitoring service's consumer of the function-unit lifecycle: every created, published, deployed and retired
 * on {@code function-unit-events} goes into the operations timeline, once (inbox). Its own consumer group
 * ({@code admin-center.operations-timeline}), so the timeline neither waits for nor holds up the inventory.
 */
@ApplicationScoped
public class OperationsTimelineConsumer {

    /** Channel = consumer id in the inbox. */
    public static final String CHANNEL = "operations-timeline";

    static final Set<EventType> APPLIES = EnumSet.of(EventType.FUNCTION_UNIT_CREATED, EventType.FUNCTION_UNIT_PUBLISHED,
            EventType.FUNCTION_UNIT_DEPLOYED, EventType.FUNCTION_UNIT_RETIRED);

    private final InboxProcessor inbox;
    private final OperationsTimeline timeline;

    public OperationsTimelineConsumer(InboxProcessor inbox, OperationsTimeline timeline) {
        this.inbox = inbox;
        this.timeline = timeline;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        // a history: a late or replayed event is recorded too (it is never "stale" for a timeline)
        return inbox.processBatch(batch, APPLIES, InboxProcessor.StaleEvents.RECORD, timeline::record);
    }
}
