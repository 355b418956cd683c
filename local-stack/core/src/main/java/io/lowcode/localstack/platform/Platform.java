package io.lowcode.localstack.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import io.lowcode.localstack.KafkaCluster;
import io.lowcode.localstack.ListeningSockets;
import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.PidFile;
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
    private volatile boolean claimed;

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
        return start(List.of("migrate"), true);
    }

    /**
     * Like {@link #start()}, but the migrator brings the schemas only to {@code release} (e.g. the previous one) and
     * the services are only awaited alive, not ready: a service whose schema is behind stays unready and starts no
     * background work until {@link #migrate()} brings it there (end-to-end tests of the rollout order).
     */
    public String startWithSchemasAt(String release) throws InterruptedException {
        return start(List.of("migrate", "--target", release), false);
    }

    private String start(List<String> migration, boolean awaitReady) throws InterruptedException {
        long started = System.nanoTime();
        KafkaCluster.requireSameNodeCount(options.dataDirectory().resolve("kafka"), options.kafkaNodes());
        claimRunDirectory();
        checkPortsFree();

        say("starting PostgreSQL and %d Kafka node(s) in %s", options.kafkaNodes(), options.dataDirectory());
        stack = LocalStack.start(new LocalStack.Settings(options.kafkaNodes(), options.kafkaPorts(),
                options.controllerPorts(), options.postgresPort(), options.dataDirectory(), false));
        stack.topicActions().forEach(a -> say("topics: %s", a));
        say("infrastructure ready after %s", since(started));

        keys = TokenKeys.in(options.dataDirectory().resolve("token-keys"));
        admin = AdminCredentials.resolve(System.getenv(), options.dataDirectory());

        runMigration(migration);
        say("schemas migrated (%s) after %s", String.join(" ", migration), since(started));

        services.add(service("workstation", options.workstationPort()));
        services.add(service("admin-center", options.adminCenterPort()));
        services.add(service("portal", options.portalPort()));
        for (ServiceProcess s : services) {
            s.start(serviceEnvironment(s));
            pidFile(options, s.name()).write(s.handle());
        }
        for (ServiceProcess s : services) {
            if (awaitReady) {
                s.awaitReady(SERVICE_READY_TIMEOUT);
                say("%s ready after %s", s.name(), since(started));
            } else {
                s.awaitAlive(SERVICE_READY_TIMEOUT);
                say("%s alive after %s", s.name(), since(started));
            }
        }
        if (awaitReady) {
            awaitAdminLogin(SERVICE_READY_TIMEOUT);
            say("admin '%s' can log in after %s", admin.username(), since(started));
        }
        return since(started);
    }

    /** Runs the migrator's {@code migrate} (to the newest release) against the running platform's database. */
    public void migrate() throws InterruptedException {
        runMigration(List.of("migrate"));
    }

    /** Runs {@code args}, writing the run's Prometheus gauges to {@code <logs>/ops-migrator.prom} as the Job does. */
    private void runMigration(List<String> args) throws InterruptedException {
        List<String> withMetrics = new ArrayList<>(args);
        withMetrics.addAll(List.of("--metrics-file", options.logDirectory().resolve("ops-migrator.prom").toString()));
        int migrated = runMigrator(withMetrics, options.logDirectory().resolve("ops-migrator.log"), false);
        if (migrated != 0) {
            throw new IllegalStateException("the migrator failed (exit " + migrated + "); see "
                    + options.logDirectory().resolve("ops-migrator.log"));
        }
    }

    /** Waits until a service's readiness answers 200. */
    public void awaitReady(String service) {
        service(service).awaitReady(SERVICE_READY_TIMEOUT);
    }

    /** Where the services' and the migrator's logs (and the migrator's metrics file) are. */
    public Path logDirectory() {
        return options.logDirectory();
    }

    /** The process id of a running service (a restart changes it). */
    public long pid(String service) {
        return service(service).handle().pid();
    }

    public LocalStack stack() {
        return stack;
    }

    /** Base URL of a service ({@code workstation}, {@code admin-center}, {@code portal}). */
    public String url(String service) {
        return service(service).url();
    }

    /** Base URL of a service's management interface: health, metrics and OpenAPI under {@code /q}. */
    public String managementUrl(String service) {
        return service(service).managementUrl();
    }

    /** Simulates a crash of a service: SIGKILL, no shutdown hooks. */
    public void kill(String service) {
        service(service).kill();
    }

    /** Stops a service as a rollout would (SIGTERM, then SIGKILL after 20 s); {@link #restart} starts it again. */
    public void stop(String service) {
        service(service).stop();
    }

    /**
     * Freezes a service (SIGSTOP): its process, connections and Kafka group membership stay, but it does nothing — a
     * hung JVM as the broker and its peers see it. {@link #resume} lets it go on.
     */
    public void pause(String service) {
        service(service).signal("STOP");
    }

    /** Lets a paused service go on (SIGCONT). */
    public void resume(String service) {
        service(service).signal("CONT");
    }

    /**
     * The platform's processes by name (the services, each Kafka node, PostgreSQL's postmaster), for people and
     * benchmarks that account their CPU time; PostgreSQL's backends are the postmaster's descendants.
     */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> processes = new java.util.LinkedHashMap<>();
        services.forEach(s -> processes.put(s.name(), s.handle()));
        stack.kafka().nodes().forEach(n -> ProcessHandle.of(n.pid()).ifPresent(p -> processes.put("kafka-" + n.nodeId(), p)));
        stack.postgres().postmaster().ifPresent(p -> processes.put("postgres", p));
        return processes;
    }

    /** Starts a stopped or killed service again and waits until it is ready. */
    public void restart(String service) {
        ServiceProcess s = service(service);
        s.stop();
        s.start(serviceEnvironment(s));
        pidFile(options, s.name()).write(s.handle());
        s.awaitReady(SERVICE_READY_TIMEOUT);
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    private ServiceProcess service(String name, int port) {
        Path jar = options.home().resolve(name).resolve("service/target/quarkus-app/quarkus-run.jar");
        return new ServiceProcess(name, jar, port, options.managementPort(name),
                options.logDirectory().resolve(name + ".log"));
    }

    private Map<String, String> serviceEnvironment(ServiceProcess service) {
        Map<String, String> env = new java.util.HashMap<>(databaseEnvironment());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", stack.postgres().reactiveUrl());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        env.put("QUARKUS_HTTP_HOST", options.host());
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(service.managementPort()));
        env.put("QUARKUS_MANAGEMENT_HOST", options.host());
        if (service.name().equals("portal") && !options.httpAllow().isEmpty()) {
            env.put("LOWCODE_EXECUTION_HTTP_ALLOW", options.httpAllow());
        }
        // every service verifies tokens with the public key; only the admin center signs them and knows the admin
        Map<String, String> auth = keys.environment();
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", auth.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        env.put("LOWCODE_AUTH_ISSUER", auth.get("LOWCODE_AUTH_ISSUER"));
        if (service.name().equals("admin-center")) {
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", auth.get("SMALLRYE_JWT_SIGN_KEY_LOCATION"));
            env.putAll(admin.environment());
            // reconciliation reads the portal's read models through its ops API
            env.put("LOWCODE_OPS_RECONCILIATION_PORTAL_URL", service("portal").url());
            // the operations API's event flow reads the other services' /q/metrics, on their management ports
            env.put("LOWCODE_OPS_SERVICES_WORKSTATION_URL", "http://127.0.0.1:" + options.managementPort("workstation"));
            env.put("LOWCODE_OPS_SERVICES_PORTAL_URL", "http://127.0.0.1:" + options.managementPort("portal"));
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
        env.put("LOWCODE_MIGRATOR_MANAGEMENT", "workstation=http://127.0.0.1:" + options.managementPort("workstation")
                + ",admin-center=http://127.0.0.1:" + options.managementPort("admin-center") + ",portal=http://127.0.0.1:"
                + options.managementPort("portal"));
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
        PidFile pid = pidFile(options, "ops-migrator");
        pid.write(process.toHandle());
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the migrator did not finish in 10 minutes");
            }
            return process.exitValue();
        } finally {
            pid.delete();
        }
    }

    private void printSummary(String elapsed) {
        String brokers = stack.kafka().bootstrapServers();
        System.out.printf("""

                ┌ low-code integration platform ready in %s
                │ workstation   %s   (health, metrics, OpenAPI: %s/q/…)
                │ admin-center  %s   (%s/q/…)
                │ portal        %s   (%s/q/…)
                │ Kafka         %s  (%d node%s, replication factor %d, min.insync.replicas %d)
                │ PostgreSQL    %s  (user %s)
                │ data          %s   logs: %s
                │ admin login   %s
                └ Ctrl-C stops everything.
                %n""", elapsed, services.get(0).url(), services.get(0).managementUrl(), services.get(1).url(),
                services.get(1).managementUrl(), services.get(2).url(), services.get(2).managementUrl(), brokers,
                options.kafkaNodes(), options.kafkaNodes() == 1 ? "" : "s", stack.kafka().replicationFactor(),
                stack.kafka().minInsyncReplicas(), stack.postgres().jdbcUrl(), PostgresServer.USER,
                options.dataDirectory(), options.logDirectory(), adminLine());
        System.out.flush();
    }

    /** How to log in, for people: the password itself only on the start that generated it. */
    private String adminLine() {
        String where = "(POST admin-center /api/v1/auth/token)";
        return switch (admin.source()) {
            case GENERATED -> admin.username() + " / " + admin.password() + "   " + where
                    + "\n│               generated now and shown only this once; kept in "
                    + AdminCredentials.file(options.dataDirectory());
            case SAVED -> admin.username() + ", password in " + AdminCredentials.file(options.dataDirectory()) + "   "
                    + where;
            case ENVIRONMENT -> admin.username() + ", password from PLATFORM_ADMIN_PASSWORD   " + where;
        };
    }

    /** Stops the services, then Kafka and PostgreSQL; removes the PID files. */
    @Override
    public void close() {
        if (!claimed) {
            return; // never started here (refused, or another launcher owns the data directory): nothing of ours runs
        }
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
        PidFile launcher = pidFile(options, "platform");
        launcher.process().ifPresent(running -> {
            throw new IllegalStateException("a platform is already running on " + options.dataDirectory()
                    + " (pid " + running.pid() + "); stop it with ./platform stop");
        });
        stopLeftovers(options).forEach(what -> say("stopped %s, left running by an earlier launcher", what));
        launcher.write(ProcessHandle.current());
        claimed = true;
    }

    /**
     * Stops what a launcher that was killed (SIGKILL, out of memory, a closed terminal) left running on this data
     * directory: the services and a migrator by their PID files, then Kafka and PostgreSQL.
     *
     * @return what was stopped, for people
     */
    static List<String> stopLeftovers(PlatformOptions options) {
        List<String> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
        List.of("ops-migrator", "workstation", "admin-center", "portal").parallelStream().forEach(name ->
                pidFile(options, name).stop(Duration.ofSeconds(20))
                        .ifPresent(pid -> stopped.add(name + " (pid " + pid + ")")));
        stopped.addAll(LocalStack.stopLeftovers(options.dataDirectory()));
        return List.copyOf(stopped);
    }

    /** The launcher's process, if a platform is running on this data directory. */
    static Optional<ProcessHandle> runningLauncher(PlatformOptions options) {
        return pidFile(options, "platform").process();
    }

    private void checkPortsFree() {
        List<String> busy = new ArrayList<>();
        Map<String, List<Integer>> ports = new java.util.LinkedHashMap<>();
        ports.put("Kafka", options.kafkaPorts());
        ports.put("KRaft controller", options.controllerPorts());
        ports.put("PostgreSQL", List.of(options.postgresPort()));
        ports.put("workstation", List.of(options.workstationPort(), options.managementPort("workstation")));
        ports.put("admin-center", List.of(options.adminCenterPort(), options.managementPort("admin-center")));
        ports.put("portal", List.of(options.portalPort(), options.managementPort("portal")));
        ports.forEach((what, list) -> list.stream().filter(FreePorts::isListening)
                .forEach(p -> busy.add(what + " port " + p + ListeningSockets.owner(p).map(o -> " (held by " + o + ")")
                        .orElse(""))));
        if (!busy.isEmpty()) {
            throw new IllegalArgumentException("ports already in use: " + String.join(", ", busy)
                    + "; stop what uses them, or choose other ports (--kafka-port, --postgres-port, ...; see "
                    + "./platform --help)");
        }
    }

    private static PidFile pidFile(PlatformOptions options, String name) {
        return new PidFile(options.runDirectory().resolve(name + ".pid"));
    }

    private static String since(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    static void say(String format, Object... args) {
        System.out.printf("[platform] " + format + "%n", args);
        System.out.flush();
    }
}
