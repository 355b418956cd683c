package io.lowcode.admincenter.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.notification.persistence.ClaimedDelivery;
import io.lowcode.eventschema.payload.Channel;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Email over SMTP with the reactive mailer: subject = the rendered title, plain-text body. Host, port, TLS, sender and
 * credentials are {@code quarkus.mailer.*} (the password from a Secret).
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final ReactiveMailer mailer;

    public EmailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Uni<Void> send(ClaimedDelivery delivery) {
        return mailer.send(Mail.withText(delivery.address(), delivery.title(), delivery.body())
                .addHeader("X-Lowcode-Notification", delivery.notificationId()));
    }
}
