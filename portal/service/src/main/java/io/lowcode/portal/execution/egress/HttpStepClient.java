package io.lowcode.portal.execution.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;

/**
 * The HTTP client of workflow {@code http} steps, behind the {@link EgressPolicy}: the rendered URL must be an absolute
 * http(s) URL without user info whose host and port the policy allows; the host is resolved here and the connection
 * is opened to the very address that was checked (no second lookup a rebinding DNS could answer differently);
 * redirects are not followed (a 3xx is the step's answer); the response body is read up to {@code maxBody} bytes and
 * the call is abandoned (connection reset) beyond it; the whole call — lookup, connect, request, response, body — has
 * one deadline. Errors name the method and the URL without its query string, never an address or an exception text.
 */
public final class HttpStepClient implements AutoCloseable {

    /** The call failed; the message names the method and URL (without query string) and says why, nothing more. */
    public static final class CallFailed extends RuntimeException {
        public CallFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** What the peer answered. */
    public record Answer(int status, String contentType, Buffer body) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final EgressPolicy policy;
    private final long maxBody;
    private final Duration connectTimeout;

    public HttpStepClient(Vertx vertx, EgressPolicy policy, long maxBody, Duration connectTimeout) {
        this.vertx = vertx;
        this.policy = policy;
        this.maxBody = maxBody;
        this.connectTimeout = connectTimeout;
        this.client = vertx.getDelegate().createHttpClient(new HttpClientOptions()
                .setKeepAlive(true).setMaxPoolSize(50).setConnectTimeout((int) connectTimeout.toMillis())
                .setForceSni(true).setVerifyHost(true).setMaxRedirects(0)
                .setMaxHeaderSize(16 * 1024).setMaxInitialLineLength(8 * 1024));
    }

    /**
     * Calls {@code method url} with {@code body} (JSON, or none) within {@code deadline}.
     *
     * @return the answer; fails with a {@link CallFailed} for anything the step cannot use
     */
    public Uni<Answer> call(String method, String url, String body, Duration deadline) {
        Target target;
        try {
            target = Target.parse(url);
        } catch (IllegalArgumentException invalid) {
            return Uni.createFrom().failure(new CallFailed(method + " " + Target.describe(url) + ": " + invalid.getMessage()));
        }
        String what = method + " " + target.describe();
        if (!policy.hostAllowed(target.host(), target.port(), target.defaultPort())) {
            Log.infof("http step %s blocked by egress policy: host not in lowcode.execution.http.allow", what);
            return Uni.createFrom().failure(new CallFailed(what + ": blocked by egress policy"));
        }
        return resolve(target)
                .flatMap(addresses -> {
                    for (InetAddress address : addresses) {
                        if (!policy.addressAllowed(address, target.port(), target.defaultPort())) {
                            Log.infof("http step %s blocked by egress policy: %s resolves to %s, which is not allowed",
                                    what, target.host(), address.getHostAddress());
                            return Uni.createFrom().<Answer>failure(new CallFailed(what + ": blocked by egress policy"));
                        }
                    }
                    return send(target, method, addresses.get(0), body, what);
                })
                .ifNoItem().after(deadline).failWith(() -> new CallFailed(what + ": no complete answer within "
                        + deadline.toMillis() + " ms"));
    }

    /** {@code url} for an error message: scheme, host, port and path — never the query string. */
    public static String describe(String url) {
        try {
            return Target.parse(url).describe();
        } catch (IllegalArgumentException invalid) {
            return Target.describe(url);
        }
    }

    private Uni<List<InetAddress>> resolve(Target target) {
        return AddressRange.literal(target.host()).map(address -> Uni.createFrom().item(List.of(address)))
                .orElseGet(() -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(target.host())), false)
                        .onFailure().transform(e -> new CallFailed(target.describe() + ": unknown host")));
    }

    private Uni<Answer> send(Target target, String method, InetAddress address, String body, String what) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setHost(target.host()).setPort(target.port()).setSsl(target.https()).setURI(target.pathAndQuery())
                .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(connectTimeout.toMillis())
                .putHeader(HttpHeaders.USER_AGENT, "lowcode-portal-workflow");
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean done = new AtomicBoolean();
            HttpClientRequest[] sent = new HttpClientRequest[1];
            emitter.onTermination(() -> {
                if (done.compareAndSet(false, true) && sent[0] != null) {
                    sent[0].reset(); // the deadline passed: give the connection up
                }
            });
            client.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    finish(done, () -> emitter.fail(new CallFailed(what + ": could not connect")));
                    return;
                }
                HttpClientRequest request = opened.result();
                sent[0] = request;
                request.exceptionHandler(e -> finish(done, () -> emitter.fail(new CallFailed(what + ": connection failed"))));
                request.response().onComplete(answered -> {
                    if (answered.failed()) {
                        finish(done, () -> emitter.fail(new CallFailed(what + ": connection failed")));
                        return;
                    }
                    read(answered.result(), request, what, done, emitter);
                });
                if (body == null) {
                    request.end();
                } else {
                    request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(body));
                }
            });
        });
    }

    private void read(HttpClientResponse response, HttpClientRequest request, String what, AtomicBoolean done,
            io.smallrye.mutiny.subscription.UniEmitter<? super Answer> emitter) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLong(length) > maxBody) {
            finish(done, () -> emitter.fail(tooLarge(what)));
            request.reset();
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (done.get()) {
                return;
            }
            if (body.length() + chunk.length() > maxBody) {
                finish(done, () -> emitter.fail(tooLarge(what)));
                request.reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(e -> finish(done, () -> emitter.fail(new CallFailed(what + ": connection failed"))));
        response.endHandler(ignored -> finish(done, () -> emitter.complete(new Answer(response.statusCode(),
                response.getHeader(HttpHeaders.CONTENT_TYPE), body))));
    }

    private CallFailed tooLarge(String what) {
        return new CallFailed(what + ": response body larger than " + maxBody + " bytes");
    }

    private static void finish(AtomicBoolean done, Runnable action) {
        if (done.compareAndSet(false, true)) {
            action.run();
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** A parsed, checked URL. */
    record Target(boolean https, String host, int port, String path, String query) {

        static Target parse(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("URLs with user info are not allowed");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("not a valid URL (no host)");
            }
            boolean https = scheme.equals("https");
            int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new Target(https, EgressPolicy.normalize(uri.getHost()), port, path, uri.getRawQuery());
        }

        int defaultPort() {
            return https ? 443 : 80;
        }

        String pathAndQuery() {
            return query == null ? path : path + "?" + query;
        }

        /** The URL without its query string (which may carry secrets), for errors and logs. */
        String describe() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return (https ? "https://" : "http://") + h + (port == defaultPort() ? "" : ":" + port) + truncate(path);
        }

        /** For a URL that could not be parsed: its scheme and host part at most, never the query string. */
        static String describe(String url) {
            String cut = url;
            int q = cut.indexOf('?');
            if (q >= 0) {
                cut = cut.substring(0, q);
            }
            return truncate(cut.replaceAll("[\\p{Cntrl}]", "?"));
        }

        private static String truncate(String text) {
            return text.length() <= 200 ? text : text.substring(0, 200) + "…";
        }
    }
}
