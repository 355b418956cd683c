package io.lowcode.admincenter.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.notification.NotifyConfig;
import io.lowcode.admincenter.notification.persistence.ClaimedDelivery;
import io.lowcode.eventschema.payload.Channel;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * SMS through a provider's HTTP API: {@code POST <lowcode.notify.sms.endpoint>} with the API key in the configured
 * header and the JSON body {@code {"to":<phone>,"text":"[SEVERITY] title\nbody","reference":<delivery id>}} (plus
 * {@code "from"} when {@code lowcode.notify.sms.sender} is set). Any 2xx is accepted. A provider with another body
 * shape needs a small adapter in front, or another format here.
 */
@ApplicationScoped
public class SmsSender implements ChannelSender {

    private final WebClients http;
    private final NotifyConfig.Sms config;

    public SmsSender(WebClients http, NotifyConfig config) {
        this.http = http;
        this.config = config.sms();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Uni<Void> send(ClaimedDelivery delivery) {
        if (config.endpoint().isEmpty()) {
            return Uni.createFrom().failure(new DeliveryFailure("no SMS provider configured "
                    + "(lowcode.notify.sms.endpoint)", true));
        }
        JsonObject body = new JsonObject()
                .put("to", delivery.address())
                .put("text", "[" + delivery.severity() + "] " + delivery.title() + "\n" + delivery.body())
                .put("reference", delivery.id().toString());
        config.sender().ifPresent(sender -> body.put("from", sender));
        HttpRequest<Buffer> request = http.client().postAbs(config.endpoint().get());
        config.apiKey().ifPresent(key -> request.putHeader(config.apiKeyHeader(), key));
        return request.sendJsonObject(body).flatMap(response -> response.statusCode() / 100 == 2
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(DeliveryFailure.ofHttpStatus("the SMS provider", response.statusCode(),
                        response.bodyAsString())));
    }
}
