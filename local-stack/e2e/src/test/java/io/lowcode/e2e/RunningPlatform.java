package io.lowcode.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.lowcode.localstack.FreePorts;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.platform.Platform;
import io.lowcode.localstack.platform.PlatformOptions;

/**
 * The whole platform as {@code ./platform up} starts it (packaged services, the migrator, real Kafka and
 * PostgreSQL), on free ports and a temporary data directory that {@link #close()} deletes.
 */
final class RunningPlatform implements AutoCloseable {

    /** Local ports workflow http steps of this platform may call (its egress allow list names exactly these). */
    static final int PEER_PORTS = 4;

    private final Platform platform;
    private final Path data;
    private final TraceReceiver traces;
    private final List<Integer> peerPorts;
    private String adminToken;

    private RunningPlatform(Platform platform, Path data, TraceReceiver traces, List<Integer> peerPorts) {
        this.platform = platform;
        this.data = data;
        this.traces = traces;
        this.peerPorts = peerPorts;
    }

    private static RunningPlatform shared;

    /**
     * One platform for every end-to-end test class of this JVM (starting one takes ~20 s on 2 cores), stopped when
     * the JVM exits. Tests that stop Kafka or kill a service restore them before they end.
     */
    static synchronized RunningPlatform shared() {
        if (shared == null) {
            RunningPlatform started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-platform-stop"));
            shared = started;
        }
        return shared;
    }

    static RunningPlatform start() {
        return start(Platform::start);
    }

    /**
     * A platform of its own whose schemas the migrator brought only to {@code release}: services whose schema is
     * behind are alive but not ready (see {@link Platform#startWithSchemasAt}).
     */
    static RunningPlatform startWithSchemasAt(String release) {
        return start(p -> p.startWithSchemasAt(release));
    }

    private interface Starter {
        String start(Platform platform) throws InterruptedException;
    }

    private static RunningPlatform start(Starter starter) {
        Path home = Path.of(System.getProperty("platform.home", "../..")).toAbsolutePath().normalize();
        // below the ephemeral range: tests restart Kafka and services on the same ports
        int base = FreePorts.block(9 + PEER_PORTS);
        List<Integer> ports = java.util.stream.IntStream.range(base, base + 9 + PEER_PORTS).boxed().toList();
        List<Integer> peers = ports.subList(9, 9 + PEER_PORTS);
        // http steps may call the tests' own peers on these loopback ports, and nothing else
        String allow = String.join(",", peers.stream().map(p -> "127.0.0.1:" + p).toList());
        try {
            Path data = Files.createTempDirectory("lowcode-e2e-");
            PlatformOptions options = PlatformOptions.parse(home, List.of("--data-dir", data.toString(),
                    "--kafka-port", ports.get(0).toString(), "--controller-port", ports.get(1).toString(),
                    "--postgres-port", ports.get(2).toString(), "--workstation-port", ports.get(3).toString(),
                    "--admin-center-port", ports.get(4).toString(), "--portal-port", ports.get(5).toString(),
                    "--workstation-management-port", ports.get(6).toString(),
                    "--admin-center-management-port", ports.get(7).toString(),
                    "--portal-management-port", ports.get(8).toString(), "--http-allow", allow));
            Platform platform = new Platform(options);
            TraceReceiver traces = new TraceReceiver();
            for (String service : List.of("workstation", "admin-center", "portal")) {
                platform.addEnvironment(service, traces.environment());
            }
            try {
                starter.start(platform);
            } catch (RuntimeException | InterruptedException e) {
                platform.close();
                traces.close();
                throw e;
            }
            return new RunningPlatform(platform, data, traces, List.copyOf(peers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String workstation() {
        return platform.url("workstation");
    }

    String adminCenter() {
        return platform.url("admin-center");
    }

    String portal() {
        return platform.url("portal");
    }

    /** A service's management interface (health, metrics, OpenAPI under {@code /q}). */
    String management(String service) {
        return platform.managementUrl(service);
    }

    /** The {@code i}-th loopback port workflow http steps may call (0 ≤ i < {@link #PEER_PORTS}). */
    int peerPort(int i) {
        return peerPorts.get(i);
    }

    LocalStack stack() {
        return platform.stack();
    }

    /** The spans every service of this platform exported (OTLP). */
    TraceReceiver traces() {
        return traces;
    }

    /** Logs in through the admin center, as a person would: the access token. */
    String login(String username, String password) {
        return RestAssured.given().baseUri(adminCenter()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    /** A token of the platform's first admin (roles admin, ops, developer and user), from a real login. */
    synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = login(platform.admin().username(), platform.admin().password());
        }
        return adminToken;
    }

    /** A request to {@code baseUri} with {@code token}. */
    static RequestSpecification as(String token, String baseUri) {
        return RestAssured.given().baseUri(baseUri).header("Authorization", "Bearer " + token);
    }

    /** A request to {@code baseUri} as the first admin. */
    RequestSpecification asAdmin(String baseUri) {
        return as(adminToken(), baseUri);
    }

    /**
     * Creates an account through the admin center and logs in as it.
     *
     * @return the user's id and access token
     */
    User newUser(String username, List<String> roles) {
        String password = "e2e-password-" + username;
        String id = asAdmin(adminCenter()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com", "password", password,
                        "roles", roles))
                .post("/api/v1/users").then().statusCode(201).extract().jsonPath().getString("id");
        return new User(id, username, password, login(username, password));
    }

    /** A user made by {@link #newUser}. */
    record User(String id, String username, String password, String token) {
    }

    Platform platform() {
        return platform;
    }

    @Override
    public void close() {
        try {
            platform.close();
        } finally {
            traces.close();
            LocalStack.deleteRecursively(data);
        }
    }
}
