package io.lowcode.eventschema.payload;

import java.util.List;
import java.util.Map;

/**
 * {@code notification.requested} v1: a module asks admin-center to notify people.
 *
 * @param notificationId id of the notification (the event subject)
 * @param recipients     users and roles to notify
 * @param template       id of the message template
 * @param parameters     values for the template placeholders
 * @param severity       how urgent
 * @param channels       where to deliver, at least one
 */
public record NotificationRequested(String notificationId, Recipients recipients, String template,
                                    Map<String, String> parameters, Severity severity, List<Channel> channels)
        implements EventPayload {

    public NotificationRequested {
        Payloads.required(notificationId, "notificationId");
        parameters = Payloads.copy(parameters);
        channels = Payloads.copy(channels);
    }
}
