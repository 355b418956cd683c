package io.lowcode.admincenter.notification.channel;

import io.lowcode.admincenter.notification.persistence.ClaimedDelivery;
import io.lowcode.eventschema.payload.Channel;
import io.smallrye.mutiny.Uni;

/** Sends one delivery on one channel; completes when the peer accepted it, fails with the reason otherwise. */
public interface ChannelSender {

    Channel channel();

    Uni<Void> send(ClaimedDelivery delivery);
}
