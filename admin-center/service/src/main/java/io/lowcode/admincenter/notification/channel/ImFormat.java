package io.lowcode.admincenter.notification.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The message formats of the IM bot webhooks, each a text message that mentions the notification's recipients.
 * Followed (text messages of custom group bots):
 * <ul>
 * <li>DingTalk: {@code {"msgtype":"text","text":{"content":…},"at":{"atMobiles":[…],"isAtAll":false}}}; with a secret
 * ("加签") the URL gets {@code &timestamp=<ms>&sign=<urlencode(base64(HmacSHA256(key=secret, timestamp+"\n"+secret)))>}.
 * A mobile is only highlighted when the content also contains {@code @<mobile>}, so the content ends with them.</li>
 * <li>WeCom (企业微信): {@code {"msgtype":"text","text":{"content":…,"mentioned_mobile_list":[…]}}}.</li>
 * <li>Feishu/Lark: {@code {"msg_type":"text","content":{"text":…}}}; with a secret the body also carries
 * {@code "timestamp":"<s>"} and {@code "sign":base64(HmacSHA256(key=timestamp+"\n"+secret, empty message))}.</li>
 * <li>Slack incoming webhook: {@code {"text":…}}.</li>
 * <li>generic: {@code {"notificationId","template","severity","title","text","recipients":[{"userId","name","phone"}],
 * "parameters":{…}}} for any other receiver.</li>
 * </ul>
 */
public enum ImFormat {

    GENERIC, DINGTALK, WECOM, FEISHU, SLACK;

    /** Someone a bot message mentions; {@code phone} may be null. */
    public record Mention(String userId, String name, String phone) {
    }

    /** What a bot message says. */
    public record ImMessage(String notificationId, String template, String severity, String title, String body,
                            List<Mention> mentions, Map<String, String> parameters) {
    }

    /** A ready-to-send request: where, and the JSON body. */
    public record SignedRequest(String url, String body) {
    }

    public static ImFormat of(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    /** The unsigned JSON body. */
    public JsonObject payload(ImMessage message) {
        String text = "[" + message.severity() + "] " + message.title() + "\n" + message.body();
        List<String> phones = message.mentions().stream().map(Mention::phone).filter(Objects::nonNull).toList();
        List<String> names = message.mentions().stream().map(Mention::name).toList();
        return switch (this) {
            case DINGTALK -> new JsonObject()
                    .put("msgtype", "text")
                    .put("text", new JsonObject().put("content", phones.isEmpty() ? text
                            : text + "\n" + String.join(" ", phones.stream().map(p -> "@" + p).toList())))
                    .put("at", new JsonObject().put("atMobiles", new JsonArray(phones)).put("isAtAll", false));
            case WECOM -> new JsonObject()
                    .put("msgtype", "text")
                    .put("text", new JsonObject().put("content", text)
                            .put("mentioned_mobile_list", new JsonArray(phones)));
            case FEISHU -> new JsonObject()
                    .put("msg_type", "text")
                    .put("content", new JsonObject().put("text", withNames(text, names)));
            case SLACK -> new JsonObject().put("text", withNames(text, names));
            case GENERIC -> {
                JsonArray recipients = new JsonArray();
                message.mentions().forEach(m -> recipients.add(new JsonObject().put("userId", m.userId())
                        .put("name", m.name()).put("phone", m.phone())));
                yield new JsonObject()
                        .put("notificationId", message.notificationId())
                        .put("template", message.template())
                        .put("severity", message.severity())
                        .put("title", message.title())
                        .put("text", message.body())
                        .put("recipients", recipients)
                        .put("parameters", new JsonObject(new TreeMap<String, Object>(message.parameters())));
            }
        };
    }

    /** The request to send at {@code now}: signed when the format supports it and a secret is set. */
    public SignedRequest sign(String url, String payload, String secret, Instant now) {
        if (secret == null || secret.isEmpty()) {
            return new SignedRequest(url, payload);
        }
        return switch (this) {
            case DINGTALK -> {
                long timestamp = now.toEpochMilli();
                String sign = URLEncoder.encode(hmac(secret, timestamp + "\n" + secret), StandardCharsets.UTF_8);
                yield new SignedRequest(url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign=" + sign,
                        payload);
            }
            case FEISHU -> {
                String timestamp = Long.toString(now.getEpochSecond());
                JsonObject signed = new JsonObject().put("timestamp", timestamp)
                        .put("sign", hmac(timestamp + "\n" + secret, ""));
                new JsonObject(payload).forEach(e -> signed.put(e.getKey(), e.getValue()));
                yield new SignedRequest(url, signed.encode());
            }
            default -> new SignedRequest(url, payload);
        };
    }

    /** Base64 of HmacSHA256 of {@code data} under {@code key}. */
    static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String withNames(String text, List<String> names) {
        return names.isEmpty() ? text : text + "\nTo: " + String.join(", ", names);
    }
}
