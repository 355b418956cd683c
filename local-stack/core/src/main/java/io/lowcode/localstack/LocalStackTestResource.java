package io.lowcode.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.lowcode.localstack.auth.JwtSigner;
import io.lowcode.localstack.auth.TokenKeys;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Quarkus test resource every module's tests use: a real Kafka broker and a real PostgreSQL on
 * free ports, torn down with the tests, nothing left behind. Init arg {@code kafkaNodes} (1 or 3).
 * Before the service starts, its own schema scripts are applied, as the migrator does before a rollout
 * (see {@link SchemaMigrations}). A token key pair is generated too: the service verifies tokens with it (and
 * the admin center signs them), tests mint tokens for any user and role with {@link #tokens()}.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStack current;
    private static volatile TokenKeys keys;
    private static volatile Path keyDirectory;
    private int kafkaNodes = 1;

    /** The running stack, for tests that stop and start brokers or the database. */
    public static LocalStack stack() {
        LocalStack stack = current;
        if (stack == null) {
            throw new IllegalStateException("the local stack is not running: annotate the test with "
                    + "@QuarkusTestResource(LocalStackTestResource.class)");
        }
        return stack;
    }

    /** Signs tokens the service under test accepts. */
    public static JwtSigner tokens() {
        TokenKeys k = keys;
        if (k == null) {
            throw new IllegalStateException("the local stack is not running: no token keys");
        }
        return k.signer();
    }

    @Override
    public void init(Map<String, String> initArgs) {
        kafkaNodes = Integer.parseInt(initArgs.getOrDefault("kafkaNodes", "1"));
    }

    @Override
    public Map<String, String> start() {
        LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(kafkaNodes));
        current = stack;
        Runtime.getRuntime().addShutdownHook(new Thread(LocalStackTestResource::closeCurrent, "local-stack-stop"));
        SchemaMigrations.ofServiceUnderTest().ifPresent(m -> m.migrate(stack.postgres()));
        try {
            keyDirectory = Files.createTempDirectory("lowcode-token-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys = TokenKeys.in(keyDirectory);
        Map<String, String> config = new HashMap<>(stack.quarkusConfig());
        config.putAll(keys.quarkusConfig());
        return config;
    }

    @Override
    public void stop() {
        closeCurrent();
    }

    private static synchronized void closeCurrent() {
        LocalStack stack = current;
        current = null;
        if (stack != null) {
            stack.close();
        }
        Path directory = keyDirectory;
        keyDirectory = null;
        keys = null;
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temp directory; nothing else to do
            }
        }
    }
}
