package io.lowcode.localstack;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Quarkus test resource every module's tests use: a real Kafka broker and a real PostgreSQL on
 * free ports, torn down with the tests, nothing left behind. Init arg {@code kafkaNodes} (1 or 3).
 * Before the service starts, its own schema scripts are applied, as the migrator does before a rollout
 * (see {@link SchemaMigrations}).
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStack current;
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
        return new HashMap<>(stack.quarkusConfig());
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
    }
}
