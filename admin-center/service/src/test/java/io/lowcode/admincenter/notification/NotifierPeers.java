package io.lowcode.admincenter.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import io.lowcode.localstack.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The notifier's real peers for tests, on free ports: a GreenMail SMTP server, and one JDK HTTP server that plays the
 * SMS provider ({@code /sms}) and one IM bot per format ({@code /bots/<format>}), plus a bot that always answers 500
 * ({@code /bots/broken}, CRITICAL only). Every request is recorded. Configures the admin center to use them, with
 * fast retries (3 attempts, 50 ms backoff) so the failure path runs in well under a second.
 */
public class NotifierPeers implements QuarkusTestResourceLifecycleManager {

    public static final String SMS_API_KEY = "sms-key-for-tests";
    public static final String DINGTALK_SECRET = "SECdingtalk-secret-for-tests";
    public static final String FEISHU_SECRET = "feishu-secret-for-tests";
    public static final int MAX_ATTEMPTS = 3;
    public static final int MAX_PER_PERSON = 4;
    public static final List<String> BOTS = List.of("generic", "dingtalk", "wecom", "feishu", "slack", "broken");

    /** One HTTP request a peer received. */
    public record Received(String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();
    private static volatile GreenMail mail;
    private HttpServer http;

    /** The SMTP server. */
    public static GreenMail mail() {
        return mail;
    }

    /** Every request to {@code path} so far. */
    public static List<Received> received(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public Map<String, String> start() {
        List<Integer> ports = FreePorts.take(1);
        mail = new GreenMail(new ServerSetup(ports.get(0), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            RECEIVED.add(new Received(path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            int status = path.equals("/bots/broken") ? 500 : 200;
            String answer = switch (path) {
                case "/bots/dingtalk", "/bots/wecom" -> "{\"errcode\":0,\"errmsg\":\"ok\"}";
                case "/bots/feishu" -> "{\"code\":0,\"msg\":\"success\"}";
                case "/bots/broken" -> "{\"error\":\"bot is down\"}";
                default -> "{\"status\":\"accepted\"}";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(ports.get(0)));
        config.put("quarkus.mailer.from", "platform@lowcode.test");
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("lowcode.notify.sms.endpoint", base + "/sms");
        config.put("lowcode.notify.sms.api-key", SMS_API_KEY);
        for (String bot : BOTS) {
            config.put("lowcode.notify.im.bots." + bot + ".url", base + "/bots/" + bot + "?access_token=t-" + bot);
            config.put("lowcode.notify.im.bots." + bot + ".format", bot.equals("broken") ? "generic" : bot);
        }
        config.put("lowcode.notify.im.bots.dingtalk.secret", DINGTALK_SECRET);
        config.put("lowcode.notify.im.bots.feishu.secret", FEISHU_SECRET);
        config.put("lowcode.notify.im.bots.broken.severities", "CRITICAL");
        config.put("lowcode.notify.dispatch.max-attempts", Integer.toString(MAX_ATTEMPTS));
        config.put("lowcode.notify.dispatch.initial-backoff", "50ms");
        config.put("lowcode.notify.dispatch.max-backoff", "200ms");
        config.put("lowcode.notify.dispatch.send-timeout", "5s");
        config.put("lowcode.notify.rate-limit.max-per-window", Integer.toString(MAX_PER_PERSON));
        config.put("lowcode.notify.rate-limit.bot-max-per-window", "100000");
        return config;
    }

    @Override
    public void stop() {
        if (http != null) {
            http.stop(0);
        }
        if (mail != null) {
            mail.stop();
        }
    }
}
