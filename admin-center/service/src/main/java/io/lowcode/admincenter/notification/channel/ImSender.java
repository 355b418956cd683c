package io.lowcode.admincenter.notification.channel;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.notification.NotifyConfig;
import io.lowcode.admincenter.notification.persistence.ClaimedDelivery;
import io.lowcode.eventschema.payload.Channel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * IM bot webhooks: the row's payload (built in the bot's format when the notification was planned) is signed now
 * (DingTalk, Feishu with a secret) and POSTed to the bot's URL. Any 2xx is accepted; DingTalk, WeCom and Feishu also
 * answer 200 with an error code in the body, which is checked ({@code errcode}/{@code code} other than 0 fails).
 */
@ApplicationScoped
public class ImSender implements ChannelSender {

    private final WebClients http;
    private final NotifyConfig config;

    public ImSender(WebClients http, NotifyConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Channel channel() {
        return Channel.IM;
    }

    @Override
    public Uni<Void> send(ClaimedDelivery delivery) {
        NotifyConfig.Bot bot = config.im().bots().get(delivery.address());
        if (bot == null) {
            return Uni.createFrom().failure(new DeliveryFailure("IM bot '" + delivery.address()
                    + "' is no longer configured (lowcode.notify.im.bots)", true));
        }
        ImFormat format = ImFormat.of(bot.format());
        ImFormat.SignedRequest request = format.sign(bot.url(), delivery.payload(), bot.secret().orElse(null),
                Instant.now());
        String peer = "IM bot '" + delivery.address() + "'";
        return http.client().postAbs(request.url())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .sendBuffer(Buffer.buffer(request.body()))
                .flatMap(response -> {
                    if (response.statusCode() / 100 != 2) {
                        return Uni.createFrom().failure(DeliveryFailure.ofHttpStatus(peer, response.statusCode(),
                                response.bodyAsString()));
                    }
                    String refused = refusal(format, response.bodyAsString());
                    return refused == null ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(new DeliveryFailure(peer + " refused the message: " + refused, false));
                });
    }

    /** The error a 200 answer of DingTalk, WeCom or Feishu carries, or {@code null}. */
    static String refusal(ImFormat format, String body) {
        if (body == null || body.isBlank() || format == ImFormat.GENERIC || format == ImFormat.SLACK) {
            return null;
        }
        try {
            io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(body);
            Object code = json.getValue(format == ImFormat.FEISHU ? "code" : "errcode");
            if (code == null || "0".equals(code.toString())) {
                return null;
            }
            Object message = json.getValue(format == ImFormat.FEISHU ? "msg" : "errmsg");
            return "code " + code + (message == null ? "" : " " + message);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
