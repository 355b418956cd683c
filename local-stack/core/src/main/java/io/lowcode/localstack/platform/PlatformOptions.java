package io.lowcode.localstack.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Options of {@code ./platform}; every default can be changed with a flag.
 *
 * @param home            the repository root (where the built jars are)
 * @param dataDirectory   all state: Kafka logs, PostgreSQL data, service logs, PID files
 * @param kafkaNodes      1 or 3
 * @param kafkaPort       first broker port; node n listens on kafkaPort + n - 1
 * @param controllerPort  first KRaft controller port
 * @param postgresPort    PostgreSQL port
 * @param workstationPort  HTTP port of the workstation
 * @param adminCenterPort  HTTP port of the admin center
 * @param portalPort       HTTP port of the portal
 * @param managementPorts  management-interface port (health, metrics, OpenAPI) of each service, by name
 * @param httpAllow       where workflow http steps may connect ({@code lowcode.execution.http.allow}), empty: nowhere
 * @param host            the address the services listen on (Kafka and PostgreSQL always listen on 127.0.0.1)
 * @param given           the options given on the command line (the others have their defaults)
 * @param rest            what is left after the options (the migrator's arguments)
 */
public record PlatformOptions(Path home, Path dataDirectory, int kafkaNodes, int kafkaPort, int controllerPort,
        int postgresPort, int workstationPort, int adminCenterPort, int portalPort,
        java.util.Map<String, Integer> managementPorts, String httpAllow, String host, Set<String> given,
        List<String> rest) {

    /** What the management port of a service is, unless given: its HTTP port + this. */
    public static final int MANAGEMENT_PORT_OFFSET = 1000;


    public static final String USAGE = """
            usage: ./platform <command> [options]

            commands:
              up                 build what is missing, start Kafka, PostgreSQL, the migrator and the three
                                 services, wait until all are ready, print their addresses; Ctrl-C stops all.
                                 Processes an earlier run left behind (its launcher killed) are stopped first
              migrator <args>    run ops-migrator against the local PostgreSQL (started for the run if down)
              stop               stop a platform started by `up` in another terminal, or what a killed
                                 launcher left running on the data directory
              bench [records] [relay-rows] [rate] [seconds] [warm-up-seconds]
                                 start a platform of its own and measure raw Kafka vs outbox relay throughput
                                 and REST -> applied latency at a fixed offered load after an unmeasured warm-up
                                 of the same load (defaults 100000 20000 500 30 20)
              bench-access [trials]
                                 start a platform of its own and measure grant -> first allowed and
                                 revoke -> first denied portal request over real logins (default 200)
              bench-executions [rate] [seconds]
                                 start a platform of its own and run a three-step workflow at a fixed
                                 offered rate: starts/s, executions/s applied by the monitor, latency
                                 (defaults 500 60)
              bench-notify [notifications] [rate]
                                 start a platform of its own with a local IM bot and measure notification
                                 requested -> bot webhook received at a fixed rate per second (default 500 50)
              bench-ops [requests] [trials]
                                 start a platform of its own with 20 more topics, 50 consumer groups and a local
                                 IM bot; time the operations API (requests per endpoint) and a stalled consumer ->
                                 alert delivered to the bot (trials), with CPU seconds per process (default 300 5)
              wipe               delete the data directory (the platform must be stopped)

            every bench-* runs on a platform of its own: a new data directory that it deletes at the end, and free
            ports, unless --data-dir or port options say otherwise (a given --data-dir is kept)

            the first admin: PLATFORM_ADMIN_USER / PLATFORM_ADMIN_PASSWORD when set, else `admin` with a password
            generated on the first `up`, printed once, and kept in <data-dir>/admin-credentials.properties

            PostgreSQL binaries are unpacked once into $LOWCODE_CACHE_DIR (default ~/.cache/lowcode-platform)

            options (defaults in brackets):
              --kafka-nodes N        1 or 3; 3 means replication factor 3, min.insync.replicas 2   [1]
              --kafka-port P         first broker port (node n: P+n-1)                             [9092]
              --controller-port P    first KRaft controller port                                   [19092]
              --postgres-port P      PostgreSQL port                                               [15432]
              --workstation-port P   [8081]    --admin-center-port P  [8082]    --portal-port P  [8083]
              --workstation-management-port P, --admin-center-management-port P, --portal-management-port P
                                     health, metrics and OpenAPI (/q/*) of each service     [its port + 1000]
              --http-allow LIST      where workflow http steps may connect: comma-separated host[:port] entries,
                                     e.g. 127.0.0.1:9999,*.example.com (loopback and private addresses only when
                                     named by address)                                       [nowhere]
              --data-dir DIR         where all state lives                                         [.platform-data]
              --host ADDRESS         where the services listen; 0.0.0.0 exposes them to the network [127.0.0.1]
            """;

    public static PlatformOptions parse(Path home, List<String> args) {
        Path data = home.resolve(".platform-data");
        int nodes = 1;
        int kafka = 9092;
        int controller = 19092;
        int postgres = 15432;
        int workstation = 8081;
        int adminCenter = 8082;
        int portal = 8083;
        String host = "127.0.0.1";
        String httpAllow = "";
        java.util.Map<String, Integer> management = new java.util.HashMap<>();
        Set<String> given = new java.util.HashSet<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || !rest.isEmpty()) {
                rest.add(arg);
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args.get(++i);
            given.add(arg);
            switch (arg) {
                case "--kafka-nodes" -> nodes = number(arg, value);
                case "--kafka-port" -> kafka = number(arg, value);
                case "--controller-port" -> controller = number(arg, value);
                case "--postgres-port" -> postgres = number(arg, value);
                case "--workstation-port" -> workstation = number(arg, value);
                case "--admin-center-port" -> adminCenter = number(arg, value);
                case "--portal-port" -> portal = number(arg, value);
                case "--workstation-management-port" -> management.put("workstation", number(arg, value));
                case "--admin-center-management-port" -> management.put("admin-center", number(arg, value));
                case "--portal-management-port" -> management.put("portal", number(arg, value));
                case "--http-allow" -> httpAllow = value.strip();
                case "--data-dir" -> data = home.resolve(value);
                case "--host" -> host = address(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (nodes != 1 && nodes != 3) {
            throw new IllegalArgumentException("--kafka-nodes must be 1 or 3, not " + nodes);
        }
        management.putIfAbsent("workstation", workstation + MANAGEMENT_PORT_OFFSET);
        management.putIfAbsent("admin-center", adminCenter + MANAGEMENT_PORT_OFFSET);
        management.putIfAbsent("portal", portal + MANAGEMENT_PORT_OFFSET);
        return new PlatformOptions(home, data.normalize(), nodes, kafka, controller, postgres, workstation,
                adminCenter, portal, java.util.Map.copyOf(management), httpAllow, host, Set.copyOf(given),
                List.copyOf(rest));
    }

    /**
     * These options for a benchmark: a platform of its own, on a new data directory (unless {@code --data-dir} was
     * given) and on free ports (unless given), so that it never touches the data or ports of {@code ./platform up}.
     */
    public PlatformOptions forBenchmark() {
        try {
            Path data = given.contains("--data-dir") ? dataDirectory : java.nio.file.Files.createTempDirectory("lowcode-bench-");
            // one block of free ports: brokers and controllers of up to three nodes, PostgreSQL, the three services and
            // their management interfaces
            int base = io.lowcode.localstack.FreePorts.block(13);
            java.util.Map<String, Integer> management = java.util.Map.of(
                    "workstation", given.contains("--workstation-management-port") ? managementPort("workstation") : base + 10,
                    "admin-center", given.contains("--admin-center-management-port") ? managementPort("admin-center")
                            : base + 11,
                    "portal", given.contains("--portal-management-port") ? managementPort("portal") : base + 12);
            return new PlatformOptions(home, data, kafkaNodes,
                    given.contains("--kafka-port") ? kafkaPort : base,
                    given.contains("--controller-port") ? controllerPort : base + 3,
                    given.contains("--postgres-port") ? postgresPort : base + 6,
                    given.contains("--workstation-port") ? workstationPort : base + 7,
                    given.contains("--admin-center-port") ? adminCenterPort : base + 8,
                    given.contains("--portal-port") ? portalPort : base + 9, management, httpAllow, host, given, rest);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a data directory for the benchmark", e);
        }
    }

    /** Whether the data directory is one a benchmark made for itself (and deletes at the end). */
    public boolean ownBenchmarkData() {
        return !given.contains("--data-dir");
    }

    private static String address(String value) {
        if (!value.matches("[0-9A-Za-z.:\\-]+")) {
            throw new IllegalArgumentException("--host takes an address such as 127.0.0.1 or 0.0.0.0, not '" + value + "'");
        }
        return value;
    }

    private static int number(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number from 0 to 65535, not '" + value + "'");
        }
    }

    /** The management-interface port (health, metrics, OpenAPI) of {@code service}. */
    public int managementPort(String service) {
        Integer port = managementPorts.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return port;
    }

    public List<Integer> kafkaPorts() {
        return IntStream.range(0, kafkaNodes).map(i -> kafkaPort + i).boxed().toList();
    }

    public List<Integer> controllerPorts() {
        return IntStream.range(0, kafkaNodes).map(i -> controllerPort + i).boxed().toList();
    }

    public Path runDirectory() {
        return dataDirectory.resolve("run");
    }

    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }
}
