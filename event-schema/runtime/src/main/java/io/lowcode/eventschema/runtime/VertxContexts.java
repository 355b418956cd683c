package io.lowcode.eventschema.runtime;

import java.util.concurrent.Executor;

import io.vertx.core.Context;

/**
 * Back to a Vert.x context: Hibernate Reactive sessions must be used on the context that opened them, while retries
 * and Kafka acknowledgements complete on other threads. Use as {@code uni.emitOn(VertxContexts.executor(context))}
 * or {@code runSubscriptionOn(...)}.
 */
public final class VertxContexts {

    private VertxContexts() {
    }

    /** Runs tasks on {@code context} (at once when already on it); on the calling thread when there is no context. */
    public static Executor executor(Context context) {
        return command -> {
            if (context == null || io.vertx.core.Vertx.currentContext() == context) {
                command.run();
            } else {
                context.runOnContext(ignored -> command.run());
            }
        };
    }
}
