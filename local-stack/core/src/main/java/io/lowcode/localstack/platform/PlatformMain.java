package io.lowcode.localstack.platform;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of {@code ./platform}. Exit codes: 0 done, 1 failed, 2 bad usage. Errors are one clear
 * line on stderr.
 */
public final class PlatformMain {

    private PlatformMain() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("platform.home", ".")).toAbsolutePath().normalize();
        List<String> all = Arrays.asList(args);
        if (all.isEmpty() || all.contains("--help") || all.contains("-h") || all.get(0).equals("help")) {
            System.out.print(PlatformOptions.USAGE);
            System.exit(all.isEmpty() ? 2 : 0);
        }
        // A launcher started in the background by a non-interactive shell inherits SIGINT as ignored;
        // take it back so SIGINT always stops the platform, as Ctrl-C does in a terminal.
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> System.exit(130));
        int code;
        try {
            PlatformOptions options = PlatformOptions.parse(home, all.subList(1, all.size()));
            code = switch (all.get(0)) {
                case "up" -> new Platform(options).up();
                case "migrator" -> new Platform(options).migrator();
                case "stop" -> stop(options);
                case "bench" -> bench(options);
                case "bench-access" -> benchAccess(options);
                case "bench-executions" -> benchExecutions(options);
                case "bench-notify" -> benchNotify(options);
                case "bench-ops" -> benchOps(options);
                case "wipe" -> wipe(options);
                default -> throw new IllegalArgumentException("unknown command '" + all.get(0) + "' (see ./platform --help)");
            };
        } catch (IllegalArgumentException e) {
            System.err.println("platform: " + e.getMessage());
            code = 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        } catch (RuntimeException e) {
            System.err.println("platform: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    /** Stops the launcher running on the data directory, or what a killed launcher left running there. */
    private static int stop(PlatformOptions options) {
        Optional<ProcessHandle> running = Platform.runningLauncher(options);
        running.ifPresent(launcher -> {
            launcher.destroy();
            launcher.onExit().orTimeout(90, TimeUnit.SECONDS).join();
            Platform.say("stopped the platform (pid %d)", launcher.pid());
        });
        List<String> left = Platform.stopLeftovers(options);
        left.forEach(what -> Platform.say("stopped %s, left running by a launcher that was killed", what));
        if (running.isEmpty() && left.isEmpty()) {
            Platform.say("no platform is running on %s", options.dataDirectory());
        }
        return 0;
    }

    /**
     * Runs a benchmark on a platform of its own: its own data directory (deleted afterwards unless --data-dir was
     * given) and free ports, so it neither reads nor leaves anything in the data of {@code ./platform up}.
     */
    private static int benchmark(PlatformOptions given, Benchmark benchmark) throws InterruptedException {
        PlatformOptions options = given.forBenchmark();
        Platform.say("benchmark platform on %s (ports from %d)", options.dataDirectory(), options.kafkaPort());
        try (Platform platform = new Platform(options)) {
            benchmark.run(platform);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("benchmark failed: " + e, e);
        } finally {
            if (options.ownBenchmarkData()) {
                io.lowcode.localstack.LocalStack.deleteRecursively(options.dataDirectory());
                Platform.say("deleted the benchmark's data directory %s", options.dataDirectory());
            }
        }
        return 0;
    }

    /** What a benchmark does with its platform (which it starts itself, after setting it up). */
    @FunctionalInterface
    private interface Benchmark {
        void run(Platform platform) throws Exception;
    }

    /** {@code ./platform bench-executions [rate] [seconds]}. */
    private static int benchExecutions(PlatformOptions options) throws InterruptedException {
        List<String> a = options.rest();
        int rate = a.size() > 0 ? Integer.parseInt(a.get(0)) : 500;
        int seconds = a.size() > 1 ? Integer.parseInt(a.get(1)) : 60;
        return benchmark(options, platform -> {
            platform.start();
            new io.lowcode.localstack.bench.ExecutionBenchmark(platform).run(rate, seconds);
        });
    }

    /** {@code ./platform bench-access [trials]}. */
    private static int benchAccess(PlatformOptions options) throws InterruptedException {
        List<String> a = options.rest();
        int trials = a.size() > 0 ? Integer.parseInt(a.get(0)) : 200;
        return benchmark(options, platform -> {
            platform.start();
            new io.lowcode.localstack.bench.AccessLatencyBenchmark(platform).run(trials);
        });
    }

    /** {@code ./platform bench-notify [notifications] [rate]}, with an IM bot of its own. */
    private static int benchNotify(PlatformOptions options) throws InterruptedException {
        List<String> a = options.rest();
        int notifications = a.size() > 0 ? Integer.parseInt(a.get(0)) : 500;
        int rate = a.size() > 1 ? Integer.parseInt(a.get(1)) : 50;
        return benchmark(options, platform -> {
            try (io.lowcode.localstack.bench.NotificationBenchmark bench = new io.lowcode.localstack.bench.NotificationBenchmark()) {
                platform.addEnvironment("admin-center", bench.adminCenterEnvironment());
                platform.start();
                bench.run(platform, notifications, rate);
            }
        });
    }

    /** {@code ./platform bench-ops [requests] [trials]}, with an IM bot of its own. */
    private static int benchOps(PlatformOptions options) throws InterruptedException {
        List<String> a = options.rest();
        int requests = a.size() > 0 ? Integer.parseInt(a.get(0)) : 300;
        int trials = a.size() > 1 ? Integer.parseInt(a.get(1)) : 5;
        return benchmark(options, platform -> {
            try (io.lowcode.localstack.bench.OpsBenchmark bench = new io.lowcode.localstack.bench.OpsBenchmark()) {
                platform.addEnvironment("admin-center", bench.adminCenterEnvironment());
                platform.start();
                bench.run(platform, requests, trials);
            }
        });
    }

    /** {@code ./platform bench [records] [relay-rows] [rate] [seconds] [warm-up-seconds]}. */
    private static int bench(PlatformOptions options) throws InterruptedException {
        List<String> a = options.rest();
        int records = a.size() > 0 ? Integer.parseInt(a.get(0)) : 100_000;
        int relayRows = a.size() > 1 ? Integer.parseInt(a.get(1)) : 20_000;
        int rate = a.size() > 2 ? Integer.parseInt(a.get(2)) : 500;
        int seconds = a.size() > 3 ? Integer.parseInt(a.get(3)) : 30;
        int warmUp = a.size() > 4 ? Integer.parseInt(a.get(4)) : 20;
        return benchmark(options, platform -> {
            platform.start();
            new io.lowcode.localstack.bench.FunctionUnitBenchmark(platform).run(records, relayRows, rate, seconds, warmUp);
        });
    }

    /** Deletes the data directory, after stopping what a killed launcher left running on it. */
    private static int wipe(PlatformOptions options) {
        if (Platform.runningLauncher(options).isPresent()) {
            throw new IllegalStateException("the platform is running; stop it first (./platform stop)");
        }
        Platform.stopLeftovers(options).forEach(what -> Platform.say("stopped %s, left running by a launcher that "
                + "was killed", what));
        io.lowcode.localstack.LocalStack.deleteRecursively(options.dataDirectory());
        Platform.say("deleted %s", options.dataDirectory());
        return 0;
    }
}
