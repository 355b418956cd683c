package io.lowcode.portal.execution;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.portal.execution.WorkflowDefinition.Branch;
import io.lowcode.portal.execution.WorkflowDefinition.Fail;
import io.lowcode.portal.execution.WorkflowDefinition.Http;
import io.lowcode.portal.execution.WorkflowDefinition.Step;
import io.lowcode.portal.execution.WorkflowDefinition.Transform;
import io.lowcode.portal.execution.WorkflowDefinition.Wait;
import io.lowcode.portal.execution.budget.RenderBudget;
import io.lowcode.portal.execution.egress.EgressPolicy;
import io.lowcode.portal.execution.egress.HttpStepClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs one step. Transform, branch and fail are computed at once ({@link #runNow}); http and wait are
 * asynchronous ({@link #runLater}): the egress-checked {@link HttpStepClient} and a Vert.x timer — the event loop
 * never waits, and both can be cancelled. Every template is rendered within the step output budget.
 */
@ApplicationScoped
public class StepRunner {

    /** What a step produced and where the execution goes next ({@code -1}: the end). */
    public record Outcome(JsonNode output, int next) {
    }

    /** A step that failed: the execution fails with this message. */
    public static final class StepFailure extends RuntimeException {
        public StepFailure(String message) {
            super(message);
        }
    }

    /** The step was stopped because the execution was interrupted. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("interrupted", null, false, false);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final HttpStepClient http;
    private final long maxStepOutput;

    public StepRunner(Vertx vertx, ExecutionConfig config) {
        this.vertx = vertx;
        this.maxStepOutput = config.maxStepOutput().asLongValue();
        EgressPolicy policy = EgressPolicy.of(config.http().allow().orElse(List.of()), ownAddresses());
        Log.infof("http steps may connect to %s (lowcode.execution.http.allow)", policy.allowsNothing() ? "nothing"
                : policy.toString());
        this.http = new HttpStepClient(vertx, policy, config.http().maxBody().asLongValue(), config.http().connectTimeout());
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Whether the step runs asynchronously. */
    public static boolean isAsync(Step step) {
        return step instanceof Http || step instanceof Wait;
    }

    /** A budget for what {@code step} renders. */
    RenderBudget budget(Step step) {
        return new RenderBudget(maxStepOutput, "the output of step '" + step.name() + "'");
    }

    /** A synchronous step. */
    public Outcome runNow(WorkflowDefinition definition, int index, Step step, JsonNode context) {
        if (step instanceof Transform t) {
            return new Outcome(Expressions.render(t.set(), context, budget(step)), index + 1);
        }
        if (step instanceof Branch b) {
            boolean taken = Expressions.test(context, b.path(), b.op(), b.value(), budget(step));
            String target = taken ? b.then() : b.otherwise();
            ObjectNode output = NODES.objectNode().put("condition", taken).put("next", target);
            return new Outcome(output, target.equals("end") ? -1 : definition.indexByName().get(target));
        }
        if (step instanceof Fail f) {
            throw new StepFailure(Expressions.render(NODES.textNode(f.message()), context, budget(step)).asText());
        }
        throw new IllegalStateException("not a synchronous step: " + step.kind());
    }

    /**
     * An asynchronous step; at most {@code deadline} long (what is left of the execution's time). {@code onCancel}
     * receives what stops it early (the execution is interrupted): the step then fails with {@link Stopped}.
     */
    public Uni<Outcome> runLater(Step step, JsonNode context, int index, Duration deadline,
            java.util.function.Consumer<Runnable> onCancel) {
        if (step instanceof Wait w) {
            long ms = Math.max(1, Math.min(w.duration().toMillis(), deadline.toMillis()));
            boolean cut = ms < w.duration().toMillis();
            return Uni.createFrom().<Long>emitter(e -> {
                long timer = vertx.setTimer(ms, e::complete);
                onCancel.accept(() -> {
                    vertx.cancelTimer(timer);
                    e.fail(new Stopped());
                });
            }).map(ignored -> {
                if (cut) {
                    throw new StepFailure("the execution ran out of time (lowcode.execution.max-duration)");
                }
                return new Outcome(NODES.objectNode().put("waitedMs", w.duration().toMillis()), index + 1);
            });
        }
        if (step instanceof Http h) {
            return call(h, context, deadline, onCancel).map(output -> new Outcome(output, index + 1));
        }
        return Uni.createFrom().failure(new IllegalStateException("not an asynchronous step: " + step.kind()));
    }

    private Uni<JsonNode> call(Http step, JsonNode context, Duration executionLeft, java.util.function.Consumer<Runnable> onCancel) {
        RenderBudget budget = budget(step);
        String url = Expressions.renderUrl(step.url(), context, budget);
        String body = step.body() == null || step.body().isNull() ? null
                : Expressions.render(step.body(), context, budget).toString();
        Duration deadline = step.timeout().compareTo(executionLeft) < 0 ? step.timeout() : executionLeft;
        return Uni.createFrom().<HttpStepClient.Answer>emitter(e -> {
                    var call = http.call(step.method(), url, body, deadline).subscribe().with(e::complete, e::fail);
                    onCancel.accept(() -> {
                        call.cancel();
                        e.fail(new Stopped());
                    });
                })
                .onFailure(HttpStepClient.CallFailed.class).transform(f -> new StepFailure(f.getMessage()))
                .map(answer -> {
                    if (step.failOnError() && answer.status() >= 400) {
                        throw new StepFailure(step.method() + " " + HttpStepClient.describe(url) + " answered "
                                + answer.status());
                    }
                    ObjectNode output = NODES.objectNode().put("status", answer.status());
                    output.set("body", body(answer));
                    return output;
                });
    }

    private static JsonNode body(HttpStepClient.Answer answer) {
        String text = answer.body().toString(java.nio.charset.StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return NODES.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (Exception notJson) {
            return NODES.textNode(text);
        }
    }

    /** This pod's own addresses: an http step never reaches them unless an allow entry names them. */
    static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            var interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                interfaces.nextElement().getInetAddresses().asIterator().forEachRemaining(own::add);
            }
        } catch (SocketException e) {
            Log.warnf("cannot list this pod's network addresses: %s", e.toString());
        }
        return own;
    }
}
