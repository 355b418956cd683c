package io.lowcode.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 requests sent from a chosen loopback address (all of 127.0.0.0/8 is loopback on Linux), so a test can be
 * several clients at once — an attacker at 127.0.0.7, the admin at 127.0.0.1 — which the JDK's HTTP client cannot.
 */
final class FromAddress {

    /** A status and the {@code Retry-After} header (or {@code null}). */
    record Answer(int status, String retryAfter, String body) {
    }

    private final String source;

    private FromAddress(String source) {
        this.source = source;
    }

    static FromAddress of(String loopbackAddress) {
        return new FromAddress(loopbackAddress);
    }

    /** POSTs {@code json} to {@code url} (an http://127.0.0.1:port/... URL) and reads the whole answer. */
    Answer postJson(String url, String json) throws IOException {
        URI uri = URI.create(url);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(60_000);
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String retryAfter = null;
            int headersEnd = answer.indexOf("\r\n\r\n");
            for (String line : answer.substring(0, Math.max(0, headersEnd)).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("retry-after:")) {
                    retryAfter = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            return new Answer(status, retryAfter, headersEnd < 0 ? "" : answer.substring(headersEnd + 4));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }
}
