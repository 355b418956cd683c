package io.lowcode.admincenter.notification.channel;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.notification.NotifyConfig;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** The one non-blocking HTTP client of the SMS and IM channels, with the notifier's connect and idle timeouts. */
@ApplicationScoped
public class WebClients {

    private final WebClient client;

    public WebClients(Vertx vertx, NotifyConfig config) {
        int timeoutMillis = (int) config.dispatch().sendTimeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis)
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setUserAgent("lowcode-admin-center-notifier")
                .setMaxPoolSize(config.dispatch().concurrency()));
    }

    public WebClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
