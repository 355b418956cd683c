package io.lowcode.admincenter.notification.messaging;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lowcode.admincenter.notification.NotifyConfig;
import io.lowcode.admincenter.ops.alert.AlertStore;
import io.lowcode.admincenter.notification.service.DeliveryDispatcher;
import io.lowcode.admincenter.notification.service.NotificationPlanner;
import io.lowcode.admincenter.notification.service.NotificationPlanner.Request;
import io.lowcode.admincenter.notification.service.Templates;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.AlertRaised;
import io.lowcode.eventschema.payload.AlertResolved;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.runtime.messaging.InboxProcessor;
import io.smallrye.mutiny.Uni;

/**
 * The notifier's consumer of {@code system-notification-events} (channel {@value #CHANNEL}, group
 * {@code admin-center.notifier}, configured in {@code application.properties}). Each event is planned into delivery
 * rows in its inbox transaction ({@link NotificationPlanner}); sending happens afterwards, off this path
 * ({@link DeliveryDispatcher}), so a channel that is down never holds a partition. An alert becomes a notification for
 * the alert roles ({@code lowcode.notify.alerts.roles}, default ops) on every channel its severity routes to; a
 * resolution goes with the severity of the alert it resolves (so the channels that carried the alert carry its end),
 * INFO for an alert the admin center did not raise. An unknown template is a permanent failure: dead-lettered at once.
 */
@ApplicationScoped
public class NotifierConsumer {

    /** Channel = consumer id in the inbox and in dead-letter headers. */
    public static final String CHANNEL = "notifier";

    static final Set<EventType> APPLIES = EnumSet.of(EventType.NOTIFICATION_REQUESTED, EventType.ALERT_RAISED,
            EventType.ALERT_RESOLVED);

    private final InboxProcessor inbox;
    private final NotificationPlanner planner;
    private final DeliveryDispatcher dispatcher;
    private final NotifyConfig config;
    private final AlertStore alerts;

    public NotifierConsumer(InboxProcessor inbox, NotificationPlanner planner, DeliveryDispatcher dispatcher,
            NotifyConfig config, AlertStore alerts) {
        this.inbox = inbox;
        this.planner = planner;
        this.dispatcher = dispatcher;
        this.config = config;
        this.alerts = alerts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        AtomicBoolean pending = new AtomicBoolean();
        return inbox.process(message, APPLIES, event -> severityOfResolved(event)
                .flatMap(severity -> planner.plan(request(event, severity)))
                .invoke(plan -> pending.set(plan.anyPending()))
                .replaceWithVoid())
                .invoke(() -> {
                    if (pending.get()) {
                        dispatcher.wake(); // after the commit: the rows are visible to the claim
                    }
                });
    }

    /** For an {@code alert.resolved}: the severity its alert was raised with (INFO when unknown); else null. */
    private Uni<Severity> severityOfResolved(EventEnvelope<?> event) {
        if (event.type() != EventType.ALERT_RESOLVED) {
            return Uni.createFrom().nullItem();
        }
        return alerts.severityOf(event.payloadAs(AlertResolved.class).alertId()).map(s -> s.orElse(Severity.INFO));
    }

    private Request request(EventEnvelope<?> event, Severity resolvedSeverity) {
        UUID eventId = UUID.fromString(event.id());
        String correlation = event.correlationid() != null ? event.correlationid() : event.id();
        return switch (event.type()) {
            case NOTIFICATION_REQUESTED -> {
                NotificationRequested n = event.payloadAs(NotificationRequested.class);
                Set<Channel> channels = n.channels().isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(n.channels());
                yield new Request(n.notificationId(), eventId, correlation, event.time(), n.template(), n.parameters(),
                        n.severity(), channels, n.recipients().users(), n.recipients().roles());
            }
            case ALERT_RAISED -> {
                AlertRaised a = event.payloadAs(AlertRaised.class);
                Map<String, String> parameters = new LinkedHashMap<>(a.details());
                parameters.put("alertId", a.alertId());
                parameters.put("rule", String.valueOf(a.rule()));
                parameters.put("severity", String.valueOf(a.severity()));
                parameters.put("summary", String.valueOf(a.summary()));
                parameters.put("raisedAt", String.valueOf(a.raisedAt() != null ? a.raisedAt() : event.time()));
                yield new Request(event.id(), eventId, correlation, event.time(), Templates.ALERT_RAISED, parameters,
                        a.severity() != null ? a.severity() : Severity.WARNING, EnumSet.allOf(Channel.class),
                        List.of(), config.alerts().roles());
            }
            case ALERT_RESOLVED -> {
                AlertResolved r = event.payloadAs(AlertResolved.class);
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put("alertId", r.alertId());
                parameters.put("rule", String.valueOf(r.rule()));
                parameters.put("summary", r.summary() != null ? r.summary() : "");
                parameters.put("resolvedAt", String.valueOf(r.resolvedAt() != null ? r.resolvedAt() : event.time()));
                yield new Request(event.id(), eventId, correlation, event.time(), Templates.ALERT_RESOLVED, parameters,
                        resolvedSeverity, EnumSet.allOf(Channel.class), List.of(), config.alerts().roles());
            }
            default -> throw new IllegalStateException("not a notifier event: " + event.type());
        };
    }
}
