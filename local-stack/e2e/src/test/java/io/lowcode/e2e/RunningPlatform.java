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
 * PostgreSQL), on free ports and a temporary data directory that {@link #close()} deletes, with the notifier's peers
 * ({@link NotifierPeers}: an SMTP server and an IM webhook) configured into the admin center.
 */
final class RunningPlatform implements AutoCloseable {

    /**
     * The admin center's alert rules run every 5 s here (15 s by default) and judge consumer groups over 3 samples (6 by
     * default, 5 s apart), so alert tests wait less; every e2e class shares the admin's mailbox, so its per-person rate
     * limit is lifted; a consumer attempt stuck for 8 s (30 s by default) is a stall the watchdog restarts (ConsoleIT).
     */
    static final Map<String, String> E2E_ADMIN_CENTER = Map.of("LOWCODE_OPS_ALERTS_INTERVAL", "5s",
            "LOWCODE_OPS_ALERTS_LEASE_TTL", "15s", "LOWCODE_NOTIFY_RATE_LIMIT_MAX_PER_WINDOW", "100000",
            "LOWCODE_OPS_SAMPLING_WINDOW", "3", "LOWCODE_SELF_HEALING_CONSUMER_STALL_TIMEOUT", "8s");

    /** Local ports workflow http steps of this platform may call (its egress allow list names exactly these). */
    static final int PEER_PORTS = 4;

    private final Platform platform;
    private final Path data;
    private final TraceReceiver traces;
    private final TcpProxy portalDatabase;
    private final NotifierPeers peers;
    private final List<Integer> peerPorts;
    private String adminToken;

    private RunningPlatform(Platform platform, Path data, TraceReceiver traces, TcpProxy portalDatabase,
            NotifierPeers peers, List<Integer> peerPorts) {
        this.platform = platform;
        this.data = data;
        this.traces = traces;
        this.portalDatabase = portalDatabase;
        this.peers = peers;
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
        return start(newDataDirectory(), 1, Map.of(), Platform::start);
    }

    /** A platform on {@code data} (new, or holding the state of an earlier one), which {@link #close()} deletes. */
    static RunningPlatform start(Path data) {
        return start(data, 1, Map.of(), Platform::start);
    }

    /**
     * A platform of its own (for a test that needs another shape, e.g. three Kafka nodes); {@code adminCenter} adds
     * environment variables to the admin center's.
     */
    static RunningPlatform start(int kafkaNodes, Map<String, String> adminCenter) {
        return start(newDataDirectory(), kafkaNodes, adminCenter, Platform::start);
    }

    /**
     * A platform of its own whose schemas the migrator brought only to {@code release}: services whose schema is
     * behind are alive but not ready (see {@link Platform#startWithSchemasAt}).
     */
    static RunningPlatform startWithSchemasAt(String release) {
        return start(newDataDirectory(), 1, Map.of(), p -> p.startWithSchemasAt(release));
    }

    private interface Starter {
        String start(Platform platform) throws InterruptedException;
    }

    private static Path newDataDirectory() {
        try {
            return Files.createTempDirectory("lowcode-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunningPlatform start(Path data, int kafkaNodes, Map<String, String> adminCenter, Starter starter) {
        // below the ephemeral range: tests restart Kafka and services on the same ports
        int services = 2 * kafkaNodes + 1;
        int count = services + 6 + PEER_PORTS;
        int base = FreePorts.block(count);
        List<Integer> ports = java.util.stream.IntStream.range(base, base + count).boxed().toList();
        List<Integer> peerPorts = List.copyOf(ports.subList(services + 6, count));
        // http steps may call the tests' own peers on these loopback ports, and nothing else
        String allow = String.join(",", peerPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        PlatformOptions options = PlatformOptions.parse(home(), List.of("--data-dir", data.toString(),
                "--kafka-nodes", Integer.toString(kafkaNodes),
                "--kafka-port", ports.get(0).toString(), "--controller-port", ports.get(kafkaNodes).toString(),
                "--postgres-port", ports.get(2 * kafkaNodes).toString(),
                "--workstation-port", ports.get(services).toString(),
                "--admin-center-port", ports.get(services + 1).toString(),
                "--portal-port", ports.get(services + 2).toString(),
                "--workstation-management-port", ports.get(services + 3).toString(),
                "--admin-center-management-port", ports.get(services + 4).toString(),
                "--portal-management-port", ports.get(services + 5).toString(), "--http-allow", allow));
        Platform platform = new Platform(options);
        // every service exports its spans to a receiver here; the admin center notifies through local peers
        TraceReceiver traces = new TraceReceiver();
        for (String service : List.of("workstation", "admin-center", "portal")) {
            platform.addEnvironment(service, traces.environment());
        }
        NotifierPeers peers = new NotifierPeers();
        platform.addEnvironment("admin-center", peers.adminCenterEnvironment());
        platform.addEnvironment("admin-center", E2E_ADMIN_CENTER);
        platform.addEnvironment("admin-center", adminCenter);
        // the portal reaches PostgreSQL through a proxy a test can cut: its database alone becomes unavailable
        TcpProxy portalDatabase = new TcpProxy(ports.get(2 * kafkaNodes));
        platform.addEnvironment("portal", Map.of("QUARKUS_DATASOURCE_REACTIVE_URL",
                "postgresql://127.0.0.1:" + portalDatabase.port() + "/" + LocalStack.DATABASE));
        try {
            starter.start(platform);
        } catch (RuntimeException | InterruptedException e) {
            platform.close();
            traces.close();
            peers.close();
            portalDatabase.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            throw (RuntimeException) e;
        }
        return new RunningPlatform(platform, data, traces, portalDatabase, peers, peerPorts);
    }

    /** The repository root, where the packaged applications are. */
    static Path home() {
        return Path.of(System.getProperty("platform.home", "../..")).toAbsolutePath().normalize();
    }

    /** Where this platform keeps its state. */
    Path dataDirectory() {
        return data;
    }

    /** What the platform sent people: the SMTP server and the IM webhook. */
    NotifierPeers peers() {
        return peers;
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

    /** The portal's way to PostgreSQL: {@link TcpProxy#cut()} makes the database unavailable to the portal only. */
    TcpProxy portalDatabase() {
        return portalDatabase;
    }

    @Override
    public void close() {
        try {
            platform.close();
            portalDatabase.close();
        } finally {
            traces.close();
            peers.close();
            LocalStack.deleteRecursively(data);
        }
    }
}
