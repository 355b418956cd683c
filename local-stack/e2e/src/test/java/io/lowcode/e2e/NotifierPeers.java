package io.lowcode.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import io.lowcode.localstack.FreePorts;

/**
 * The notifier's peers on the shared e2e platform, configured into the admin center at start: a GreenMail SMTP
 * server and an HTTP server that records every webhook call (IM bot {@value #BOT}, generic format, every severity).
 * Any e2e class can read what the platform sent people.
 */
final class NotifierPeers implements AutoCloseable {

    static final String BOT = "e2e";

    /** One webhook call. */
    record Call(String path, String body) {
    }

    private final GreenMail mail;
    private final HttpServer http;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    NotifierPeers() {
        int smtp = FreePorts.take(1).get(0);
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            mail.stop();
            throw new UncheckedIOException(e);
        }
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.createContext("/", exchange -> {
            calls.add(new Call(exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] ok = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        http.start();
    }

    /** The admin center's environment that points the notifier at these peers. */
    Map<String, String> adminCenterEnvironment() {
        String bot = "LOWCODE_NOTIFY_IM_BOTS_" + BOT.toUpperCase() + "_";
        return Map.of(
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", Integer.toString(mail.getSmtp().getPort()),
                "QUARKUS_MAILER_START_TLS", "DISABLED",
                "QUARKUS_MAILER_FROM", "platform@lowcode.e2e",
                bot + "URL", "http://127.0.0.1:" + http.getAddress().getPort() + "/bots/" + BOT,
                bot + "FORMAT", "generic");
    }

    /** Every webhook call so far whose body contains all of {@code texts}. */
    List<Call> calls(String... texts) {
        return calls.stream().filter(c -> java.util.Arrays.stream(texts).allMatch(c.body()::contains)).toList();
    }

    GreenMail mail() {
        return mail;
    }

    @Override
    public void close() {
        http.stop(0);
        mail.stop();
    }
}
