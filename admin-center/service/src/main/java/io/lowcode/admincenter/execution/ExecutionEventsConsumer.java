package io.lowcode.admincenter.execution;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.payload.ExecutionCompleted;
import io.lowcode.eventschema.payload.ExecutionFailed;
import io.lowcode.eventschema.payload.ExecutionInterrupted;
import io.lowcode.eventschema.payload.ExecutionStarted;
import io.lowcode.eventschema.payload.StepCompleted;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Feeds the execution monitor from workflow-execution-events; applied once each, failures retried then dead-lettered. */
@ApplicationScoped
public class ExecutionEventsConsumer {

    static final Set<EventType> APPLIES = EnumSet.of(EventType.WORKFLOW_EXECUTION_STARTED,
            EventType.WORKFLOW_STEP_COMPLETED, EventType.WORKFLOW_EXECUTION_COMPLETED,
            EventType.WORKFLOW_EXECUTION_FAILED, EventType.WORKFLOW_EXECUTION_INTERRUPTED);

    /** Channel = consumer id in the inbox; configured as {@code mp.messaging.incoming.execution-monitor.*}. */
    public static final String CHANNEL = "execution-monitor";

    private final InboxProcessor inbox;
    private final ExecutionMonitor monitor;

    public ExecutionEventsConsumer(InboxProcessor inbox, ExecutionMonitor monitor) {
        this.inbox = inbox;
        this.monitor = monitor;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.processBatch(batch, APPLIES, InboxProcessor.StaleEvents.SKIP, event -> switch (event.type()) {
            case WORKFLOW_EXECUTION_STARTED -> monitor.onStarted(event, event.payloadAs(ExecutionStarted.class));
            case WORKFLOW_STEP_COMPLETED -> monitor.onStepCompleted(event, event.payloadAs(StepCompleted.class));
            case WORKFLOW_EXECUTION_COMPLETED -> monitor.onCompleted(event, event.payloadAs(ExecutionCompleted.class));
            case WORKFLOW_EXECUTION_FAILED -> monitor.onFailed(event, event.payloadAs(ExecutionFailed.class));
            case WORKFLOW_EXECUTION_INTERRUPTED -> monitor.onInterrupted(event, event.payloadAs(ExecutionInterrupted.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
