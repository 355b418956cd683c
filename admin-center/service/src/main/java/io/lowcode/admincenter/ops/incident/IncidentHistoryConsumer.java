package io.lowcode.admincenter.ops.incident;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.smallrye.mutiny.Uni;

/**
 * The fault history's consumer: every {@code incident.recorded} of every service on {@code platform-operations-events}
 * becomes one row of {@code ops_incident}, once (inbox; consumer group {@code admin-center.incident-history}).
 */
@ApplicationScoped
public class IncidentHistoryConsumer {

    /** Channel = consumer id in the inbox. */
    public static final String CHANNEL = "incident-history";

    static final Set<EventType> APPLIES = EnumSet.of(EventType.INCIDENT_RECORDED);

    private final InboxProcessor inbox;
    private final IncidentHistory history;

    public IncidentHistoryConsumer(InboxProcessor inbox, IncidentHistory history) {
        this.inbox = inbox;
        this.history = history;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        // a history: a late or replayed incident is recorded too
        return inbox.process(message, APPLIES, InboxProcessor.StaleEvents.RECORD, history::record);
    }
}
