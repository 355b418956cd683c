package io.lowcode.migrator.smoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Plain HTTP calls to the services' REST APIs (java.net.http and Jackson; the migrator imports no service code),
 * each answer as status and JSON body.
 */
final class ServiceCalls {

    /** An answer: HTTP status and body ({@code MissingNode} when empty or not JSON). */
    record Answer(int status, JsonNode body) {

        String describe() {
            JsonNode detail = body.path("detail");
            return "HTTP " + status + (detail.isTextual() ? " (" + detail.asText() + ")"
                    : body.isMissingNode() ? "" : " " + abbreviate(body.toString()));
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json;

    ServiceCalls(ObjectMapper json) {
        this.json = json;
    }

    Answer get(String url, String token) throws IOException, InterruptedException {
        return send(request(url, token).GET());
    }

    Answer post(String url, String token, Object body) throws IOException, InterruptedException {
        return send(request(url, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    }

    Answer delete(String url, String token) throws IOException, InterruptedException {
        return send(request(url, token).DELETE());
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json");
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body;
        try {
            body = r.body().length == 0 ? MissingNode.getInstance() : json.readTree(r.body());
        } catch (IOException notJson) {
            body = MissingNode.getInstance();
        }
        return new Answer(r.statusCode(), body == null ? MissingNode.getInstance() : body);
    }

    /** The {@code sub} claim of a JWT (read, not verified: the services verify it). */
    String subject(String token) throws IOException {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new IOException("not a JWT");
        }
        return json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1])).path("sub").asText();
    }

    static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }
}
