package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.lowcode.localstack.FreePorts;
import io.lowcode.localstack.ListeningSockets;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.PidFile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * {@code ./platform} as a user meets it, run as a child process exactly as typed: on a machine where nothing ran
 * before (an empty temp directory for every JVM, an empty binaries cache, an empty data directory), then through
 * what people do to it — kill it while it unpacks, kill it while it runs, stop it from another terminal, start it
 * again, ask for three Kafka nodes on one-node data. The tests run in order on one data directory; each says what
 * it starts from.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

    private static final Duration READY = Duration.ofSeconds(240);
    private static final List<String> SERVICES = List.of("workstation", "admin-center", "portal");

    private static Path home;
    private static Path work;
    private static Path cache;
    private static Path data;
    private static List<String> options;
    private static int base;
    private static Launcher running;

    @BeforeAll
    static void aFreshMachine() throws IOException {
        home = Path.of(System.getProperty("platform.home", "../..")).toAbsolutePath().normalize();
        work = Files.createTempDirectory("lowcode-launcher-it-");
        cache = work.resolve("cache");
        data = work.resolve("data");
        base = FreePorts.block(13);
        options = List.of("--data-dir", data.toString(), "--kafka-port", Integer.toString(base),
                "--controller-port", Integer.toString(base + 3), "--postgres-port", Integer.toString(base + 6),
                "--workstation-port", Integer.toString(base + 7), "--admin-center-port", Integer.toString(base + 8),
                "--portal-port", Integer.toString(base + 9), "--workstation-management-port", Integer.toString(base + 10),
                "--admin-center-management-port", Integer.toString(base + 11),
                "--portal-management-port", Integer.toString(base + 12));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (running != null) {
            running.process.destroyForcibly();
        }
        platform("stop").waitFor(120, TimeUnit.SECONDS);
        LocalStack.deleteRecursively(work);
    }

    @Test
    @Order(1)
    void anUnpackKilledHalfwayIsRedoneAndTheNextUpBecomesReady() throws Exception {
        Launcher first = up();
        Path partial = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> partialUnpack(), Optional::isPresent).orElseThrow();
        first.process.destroyForcibly(); // SIGKILL while it unpacks: `./platform` execs the launcher JVM
        first.process.waitFor(30, TimeUnit.SECONDS);
        assertThat(partial).as("the killed unpack left its partial folder").exists();
        assertThat(completeUnpacks()).as("nothing complete was moved into place").isEmpty();

        running = up();
        running.awaitReady();

        assertThat(running.log()).contains("left by an extraction that did not finish")
                .contains("unpacked the PostgreSQL binaries");
        assertThat(partialUnpack()).isEmpty();
        assertThat(completeUnpacks()).hasSize(1);
    }

    @Test
    @Order(2)
    void everyPartListensOnLoopbackOnly() {
        for (int port : List.of(base, base + 6, base + 7, base + 8, base + 9, base + 10, base + 11, base + 12)) {
            assertThat(ListeningSockets.on(port)).as("sockets listening on " + port).isNotEmpty()
                    .allSatisfy(socket -> assertThat(socket.loopbackOnly())
                            .as(socket.address() + ":" + port + " is reachable from the network").isTrue());
        }
        assertThat(running.log()).contains("generated now and shown only this once");
    }

    @Test
    @Order(3)
    void aSecondUpOnTheSameDataIsRefusedAndLeavesTheRunningPlatformAlone() throws Exception {
        List<String> args = new ArrayList<>(List.of("up"));
        args.addAll(options);
        Process second = platform(args.toArray(String[]::new));
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(output(second)).contains("a platform is already running on " + data);
        assertThat(new PidFile(data.resolve("run/platform.pid")).process()).map(ProcessHandle::pid)
                .contains(running.process.pid());
        assertThat(platformProcesses()).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
    }

    @Test
    @Order(4)
    void stopAfterAKilledLauncherStopsWhatItLeftRunning() throws Exception {
        List<ProcessHandle> parts = platformProcesses();
        running.process.destroyForcibly();
        running.process.waitFor(30, TimeUnit.SECONDS);
        running = null;
        assertThat(postmaster()).as("PostgreSQL outlives a killed launcher").isPresent();

        Process stop = platform("stop");
        assertThat(stop.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(stop.exitValue()).isZero();
        assertThat(output(stop)).contains("left running by a launcher that was killed").contains("PostgreSQL (pid");
        assertNothingLeft(parts);
    }

    @Test
    @Order(5)
    void aLauncherKilledWhileReadyIsReplacedByTheNextUpOnTheSameData() throws Exception {
        running = up();
        running.awaitReady();
        String admin = login("admin", adminPassword());
        String created = "kept-" + System.nanoTime();
        RestAssured.given().baseUri(url("admin-center")).header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON).body(Map.of("username", created, "email", created + "@example.com",
                        "password", "kept-password-123", "roles", List.of("user")))
                .post("/api/v1/users").then().statusCode(201);
        List<ProcessHandle> oldRun = platformProcesses();
        running.process.destroyForcibly();
        running.process.waitFor(30, TimeUnit.SECONDS);

        running = up();
        running.awaitReady();

        assertThat(running.log()).contains("left running by an earlier launcher");
        assertThat(oldRun).allSatisfy(p -> assertThat(p.isAlive()).as("pid " + p.pid() + " of the old run").isFalse());
        assertThat(running.log()).doesNotContain(adminPassword()).contains("password in");
        assertThat(login(created, "kept-password-123")).isNotBlank();
        running.stop();
        running = null;
    }

    @Test
    @Order(6)
    void threeKafkaNodesOnOneNodeDataAreRefusedWithAWayOutAndNothingStarts() throws Exception {
        List<String> args = new ArrayList<>(List.of("up", "--kafka-nodes", "3"));
        args.addAll(options);
        Process refused = platform(args.toArray(String[]::new));
        assertThat(refused.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(output(refused)).contains("belongs to a 1-node cluster (replication factor 1)")
                .contains("--data-dir").contains("./platform wipe");
        assertThat(postmaster()).isEmpty();
        assertThat(List.of(base, base + 6, base + 7)).allSatisfy(port -> assertThat(FreePorts.isListening(port)).isFalse());
    }

    // --- the launcher as a child process -------------------------------------------------------------------

    private record Launcher(Process process, Path logFile) {

        String log() {
            try {
                return Files.readString(logFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void awaitReady() {
            await().atMost(READY).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(process.isAlive()).as("the launcher exited:\n" + log()).isTrue();
                return log().contains("platform ready in");
            });
        }

        /** SIGTERM, as Ctrl-C or a script would. */
        void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Launcher up() throws IOException {
        List<String> args = new ArrayList<>(List.of("up"));
        args.addAll(options);
        Path log = Files.createTempFile(work, "up-", ".log");
        ProcessBuilder builder = command(args).redirectErrorStream(true).redirectOutput(log.toFile());
        return new Launcher(builder.start(), log);
    }

    private static Process platform(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--data-dir")) {
            all.add("--data-dir");
            all.add(data.toString());
        }
        return command(all).redirectErrorStream(true).start();
    }

    /** {@code ./platform args} with an empty temp directory of its own for every JVM and the test's cache. */
    private static ProcessBuilder command(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("./platform"));
        command.addAll(args);
        Path tmp = Files.createTempDirectory(work, "tmp-");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        builder.environment().put("LOWCODE_CACHE_DIR", cache.toString());
        builder.environment().remove("PLATFORM_ADMIN_PASSWORD");
        builder.environment().remove("PLATFORM_ADMIN_USER");
        return builder;
    }

    private static String output(Process finished) throws IOException {
        return new String(finished.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    // --- what is on the machine ----------------------------------------------------------------------------

    private static Optional<Path> partialUnpack() throws IOException {
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.filter(p -> p.getFileName().toString().contains(".partial-")).findFirst();
        }
    }

    private static List<Path> completeUnpacks() throws IOException {
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("PG-"))
                    .filter(p -> !p.getFileName().toString().contains(".partial-")).toList();
        }
    }

    private static Optional<ProcessHandle> postmaster() throws IOException {
        Path pid = data.resolve("postgres/postmaster.pid");
        if (!Files.isRegularFile(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim())).filter(ProcessHandle::isAlive);
    }

    /** The running services, Kafka node and postmaster of the platform on the test's data directory. */
    private static List<ProcessHandle> platformProcesses() throws IOException {
        List<ProcessHandle> parts = new ArrayList<>();
        for (String service : SERVICES) {
            new PidFile(data.resolve("run/" + service + ".pid")).process().ifPresent(parts::add);
        }
        new PidFile(data.resolve("kafka/node-1/kafka.pid")).process().ifPresent(parts::add);
        postmaster().ifPresent(parts::add);
        assertThat(parts).as("three services, a Kafka node and PostgreSQL").hasSize(5);
        return parts;
    }

    private static void assertNothingLeft(List<ProcessHandle> parts) {
        assertThat(parts).allSatisfy(p -> assertThat(p.isAlive()).as("pid " + p.pid() + " still running").isFalse());
        for (int port : List.of(base, base + 3, base + 6, base + 7, base + 8, base + 9, base + 10, base + 11, base + 12)) {
            assertThat(FreePorts.isListening(port)).as("port " + port + " still open").isFalse();
        }
    }

    private static String adminPassword() throws IOException {
        Properties saved = new Properties();
        try (var in = Files.newBufferedReader(data.resolve("admin-credentials.properties"))) {
            saved.load(in);
        }
        return saved.getProperty("password");
    }

    private static String login(String username, String password) {
        return RestAssured.given().baseUri(url("admin-center")).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private static String url(String service) {
        return "http://127.0.0.1:" + (base + 7 + SERVICES.indexOf(service));
    }
}
