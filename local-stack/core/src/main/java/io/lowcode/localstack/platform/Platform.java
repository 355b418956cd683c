package io.lowcode.localstack.platform;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.lowcode.localstack.FreePorts;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.PostgresServer;
import io.lowcode.localstack.auth.JwtSigner;
import io.lowcode.localstack.auth.TokenKeys;

/**
 * The whole platform on one machine: Kafka, PostgreSQL, the migrator, then the three services; stopped
 * as a whole on SIGINT/SIGTERM. State lives in the data directory and is reused by the next {@code up}.
 */
public final class Platform implements AutoCloseable {

    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(120);

    private final PlatformOptions options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, Map<String, String>> extraEnvironment = new java.util.HashMap<>();
    private volatile LocalStack stack;
    private volatile TokenKeys keys;
    private volatile AdminCredentials admin;

    public Platform(PlatformOptions options) {
        this.options = options;
    }

    /**
     * Adds environment variables for one service ({@code workstation}, {@code admin-center}, {@code portal}), on top of
     * what the platform sets; call before {@link #start()} (benchmarks point a service at their own peers this way).
     */
    public void addEnvironment(String service, Map<String, String> environment) {
        extraEnvironment.computeIfAbsent(service, s -> new java.util.HashMap<>()).putAll(environment);
    }

    /** {@code ./platform up}: starts everything, prints the addresses, runs until SIGINT/SIGTERM. */
    int up() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "platform-stop"));
        String elapsed = start();
        printSummary(elapsed);
        new CountDownLatch(1).await(); // until SIGINT/SIGTERM runs the shutdown hook
        return 0;
    }

    /**
     * Starts Kafka, PostgreSQL, the migrator and the three services and returns once all are ready
     * (end-to-end tests use this; {@link #close()} stops everything).
     *
     * @return how long it took, for people
     */
    public String start() throws InterruptedException {
        long started = System.nanoTime();
        claimRunDirectory();
        checkPortsFree();

        say("starting PostgreSQL and %d Kafka node(s) in %s", options.kafkaNodes(), options.dataDirectory());
        stack = LocalStack.start(new LocalStack.Settings(options.kafkaNodes(), options.kafkaPorts(),
                options.controllerPorts(), options.postgresPort(), options.dataDirectory(), false));
        stack.topicActions().forEach(a -> say("topics: %s", a));
        say("infrastructure ready after %s", since(started));

        keys = TokenKeys.in(options.dataDirectory().resolve("token-keys"));
        admin = AdminCredentials.resolve(System.getenv(), options.dataDirectory());

        int migrated = runMigrator(List.of("migrate"), options.logDirectory().resolve("ops-migrator.log"), false);
        if (migrated != 0) {
            throw new IllegalStateException("the migrator failed (exit " + migrated + "); see "
                    + options.logDirectory().resolve("ops-migrator.log"));
        }
        say("schemas migrated after %s", since(started));

        services.add(service("workstation", options.workstationPort()));
        services.add(service("admin-center", options.adminCenterPort()));
        services.add(service("portal", options.portalPort()));
        for (ServiceProcess s : services) {
            s.start(serviceEnvironment(s));
            writePid(s.name(), s.pid());
        }
        for (ServiceProcess s : services) {
            s.awaitReady(SERVICE_READY_TIMEOUT);
            say("%s ready after %s", s.name(), since(started));
        }
        awaitAdminLogin(SERVICE_READY_TIMEOUT);
        say("admin '%s' can log in after %s", admin.username(), since(started));
        return since(started);
    }

    public LocalStack stack() {
        return stack;
    }

    /** Base URL of a service ({@code workstation}, {@code admin-center}, {@code portal}). */
    public String url(String service) {
        return service(service).url();
    }

    /** Simulates a crash of a service: SIGKILL, no shutdown hooks. */
    public void kill(String service) {
        service(service).kill();
    }

    /** Stops a service as a rollout would (SIGTERM, then SIGKILL after 20 s); {@link #restart} starts it again. */
    public void stop(String service) {
        service(service).stop();
    }

    /** Starts a stopped or killed service again and waits until it is ready. */
    public void restart(String service) {
        ServiceProcess s = service(service);
        s.stop();
        s.start(serviceEnvironment(s));
        writePid(s.name(), s.pid());
        s.awaitReady(SERVICE_READY_TIMEOUT);
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    private ServiceProcess service(String name, int port) {
        Path jar = options.home().resolve(name).resolve("service/target/quarkus-app/quarkus-run.jar");
        return new ServiceProcess(name, jar, port, options.logDirectory().resolve(name + ".log"));
    }

    private Map<String, String> serviceEnvironment(ServiceProcess service) {
        Map<String, String> env = new java.util.HashMap<>(databaseEnvironment());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", stack.postgres().reactiveUrl());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        // every service verifies tokens with the public key; only the admin center signs them and knows the admin
        Map<String, String> auth = keys.environment();
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", auth.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        env.put("LOWCODE_AUTH_ISSUER", auth.get("LOWCODE_AUTH_ISSUER"));
        if (service.name().equals("admin-center")) {
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", auth.get("SMALLRYE_JWT_SIGN_KEY_LOCATION"));
            env.putAll(admin.environment());
        }
        env.putAll(extraEnvironment.getOrDefault(service.name(), Map.of()));
        return env;
    }

    /** The first admin's credentials (for people, end-to-end tests and benchmarks). */
    public AdminCredentials admin() {
        return admin;
    }

    /** Signs tokens every service of this platform accepts (tests and benchmarks; people log in). */
    public JwtSigner tokens() {
        return keys.signer();
    }

    /** The bootstrap admin is created a few seconds after the admin center starts: wait until it can log in. */
    private void awaitAdminLogin(Duration timeout) throws InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String body = "{\"username\":" + json(admin.username()) + ",\"password\":" + json(admin.password()) + "}";
        java.net.http.HttpRequest login = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url("admin-center") + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            try {
                status = http.send(login, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                status = -1;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the admin '" + admin.username() + "' cannot log in (last status " + status
                + "); if this data directory was started with another admin password, set PLATFORM_ADMIN_PASSWORD "
                + "to it or run ./platform wipe");
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Map<String, String> databaseEnvironment() {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + options.postgresPort() + "/"
                        + LocalStack.DATABASE,
                "QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER,
                "QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
    }

    /**
     * What ops-migrator needs to work on this platform: the database, where backups before breaking releases go
     * ({@code <data-dir>/backups}), and for {@code check} and {@code smoke} the services' URLs and the first admin's
     * login (when already known: a migrator run never generates it).
     */
    public Map<String, String> migratorEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(databaseEnvironment());
        env.put("LOWCODE_MIGRATOR_BACKUP_DIRECTORY", options.dataDirectory().resolve("backups").toString());
        env.put("LOWCODE_MIGRATOR_SERVICES", "workstation=http://127.0.0.1:" + options.workstationPort()
                + ",admin-center=http://127.0.0.1:" + options.adminCenterPort() + ",portal=http://127.0.0.1:"
                + options.portalPort());
        AdminCredentials known = admin != null ? admin
                : AdminCredentials.known(System.getenv(), options.dataDirectory()).orElse(null);
        if (known != null) {
            env.put("LOWCODE_MIGRATOR_SMOKE_USERNAME", known.username());
            env.put("LOWCODE_MIGRATOR_SMOKE_PASSWORD", known.password());
        }
        return env;
    }

    /** {@code ./platform migrator ...}: against the running platform, or a PostgreSQL started for the run. */
    int migrator() throws InterruptedException {
        PostgresServer own = null;
        if (!FreePorts.isListening(options.postgresPort())) {
            own = PostgresServer.start(options.postgresPort(), options.dataDirectory().resolve("postgres"),
                    LocalStack.DATABASE);
        }
        try {
            return runMigrator(options.rest(), null, true);
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private int runMigrator(List<String> args, Path log, boolean interactive) throws InterruptedException {
        Path jar = options.home().resolve("ops-migrator/target/quarkus-app/quarkus-run.jar");
        Process process;
        if (interactive) {
            List<String> command = new ArrayList<>(List.of(io.lowcode.localstack.ChildJvm.javaExecutable(), "-jar",
                    jar.toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().putAll(migratorEnvironment());
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + jar, e);
            }
        } else {
            process = ServiceProcess.launch(jar, args, migratorEnvironment(), log);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the migrator did not finish in 10 minutes");
        }
        return process.exitValue();
    }

    private void printSummary(String elapsed) {
        String brokers = stack.kafka().bootstrapServers();
        System.out.printf("""

                ┌ low-code integration platform ready in %s
                │ workstation   %s   (OpenAPI: /q/openapi, health: /q/health)
                │ admin-center  %s
                │ portal        %s
                │ Kafka         %s  (%d node%s, replication factor %d, min.insync.replicas %d)
                │ PostgreSQL    %s  (user %s)
                │ data          %s   logs: %s
                │ admin login   %s / %s   (POST admin-center /api/v1/auth/token)%s
                └ Ctrl-C stops everything.
                %n""", elapsed, services.get(0).url(), services.get(1).url(), services.get(2).url(), brokers,
                options.kafkaNodes(), options.kafkaNodes() == 1 ? "" : "s", stack.kafka().replicationFactor(),
                stack.kafka().minInsyncReplicas(), stack.postgres().jdbcUrl(), PostgresServer.USER,
                options.dataDirectory(), options.logDirectory(), admin.username(),
                admin.generated() ? admin.password() : "(PLATFORM_ADMIN_PASSWORD)",
                admin.generated() ? "\n                │               generated; kept in " + options.dataDirectory()
                        .resolve("admin-credentials.properties") : "");
        System.out.flush();
    }

    /** Stops the services, then Kafka and PostgreSQL; removes the PID files. */
    @Override
    public void close() {
        say("stopping");
        services.parallelStream().forEach(ServiceProcess::stop);
        LocalStack s = stack;
        if (s != null) {
            s.close();
        }
        try (Stream<Path> pids = Files.list(options.runDirectory())) {
            for (Path p : pids.toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // the directory is gone or unreadable: nothing left to clean
        }
        say("stopped");
    }

    /** One platform per data directory; processes left by a launcher that was killed are stopped first. */
    private void claimRunDirectory() {
        Optional<ProcessHandle> running = readPid(options.runDirectory().resolve("platform.pid"));
        if (running.isPresent()) {
            throw new IllegalStateException("a platform is already running on " + options.dataDirectory()
                    + " (pid " + running.get().pid() + "); stop it with ./platform stop");
        }
        for (String name : List.of("workstation", "admin-center", "portal")) {
            readPid(options.runDirectory().resolve(name + ".pid")).ifPresent(stale -> {
                say("stopping %s left over from an earlier run (pid %d)", name, stale.pid());
                stale.destroy();
                stale.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(t -> {
                    stale.destroyForcibly();
                    return stale;
                }).join();
            });
        }
        writePid("platform", ProcessHandle.current().pid());
    }

    private void checkPortsFree() {
        List<String> busy = new ArrayList<>();
        Map<String, List<Integer>> ports = Map.of(
                "Kafka", options.kafkaPorts(), "KRaft controller", options.controllerPorts(),
                "PostgreSQL", List.of(options.postgresPort()),
                "services", List.of(options.workstationPort(), options.adminCenterPort(), options.portalPort()));
        ports.forEach((what, list) -> list.stream().filter(FreePorts::isListening)
                .forEach(p -> busy.add(what + " port " + p)));
        if (!busy.isEmpty()) {
            throw new IllegalArgumentException("ports already in use: " + String.join(", ", busy)
                    + "; stop what uses them or choose others (./platform --help)");
        }
    }

    static Optional<ProcessHandle> readPid(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void writePid(String name, long pid) {
        try {
            Files.createDirectories(options.runDirectory());
            Files.writeString(options.runDirectory().resolve(name + ".pid"), Long.toString(pid), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String since(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    static void say(String format, Object... args) {
        System.out.printf("[platform] " + format + "%n", args);
        System.out.flush();
    }
}
