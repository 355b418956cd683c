package io.lowcode.portal.execution;

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
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Runs one step. Transform, branch and fail are computed at once ({@link #runNow}); http and wait are
 * asynchronous ({@link #runLater}): a non-blocking HTTP client with the step's timeout and a Vert.x timer — the
 * event loop never waits.
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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final WebClient http;

    public StepRunner(Vertx vertx) {
        this.vertx = vertx;
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setKeepAlive(true)
                .setMaxPoolSize(50).setUserAgent("lowcode-portal-workflow"));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Whether the step runs asynchronously. */
    public static boolean isAsync(Step step) {
        return step instanceof Http || step instanceof Wait;
    }

    /** A synchronous step. */
    public Outcome runNow(WorkflowDefinition definition, int index, Step step, JsonNode context) {
        if (step instanceof Transform t) {
            return new Outcome(Expressions.render(t.set(), context), index + 1);
        }
        if (step instanceof Branch b) {
            boolean taken = Expressions.test(context, b.path(), b.op(), b.value());
            String target = taken ? b.then() : b.otherwise();
            ObjectNode output = NODES.objectNode().put("condition", taken).put("next", target);
            return new Outcome(output, target.equals("end") ? -1 : definition.indexByName().get(target));
        }
        if (step instanceof Fail f) {
            throw new StepFailure(Expressions.render(NODES.textNode(f.message()), context).asText());
        }
        throw new IllegalStateException("not a synchronous step: " + step.kind());
    }

    /** An asynchronous step. */
    public Uni<Outcome> runLater(Step step, JsonNode context, int index) {
        if (step instanceof Wait w) {
            return Uni.createFrom().<Long>emitter(e -> vertx.setTimer(Math.max(1, w.duration().toMillis()), e::complete))
                    .map(ignored -> new Outcome(NODES.objectNode().put("waitedMs", w.duration().toMillis()), index + 1));
        }
        if (step instanceof Http h) {
            return call(h, context).map(output -> new Outcome(output, index + 1));
        }
        return Uni.createFrom().failure(new IllegalStateException("not an asynchronous step: " + step.kind()));
    }

    private Uni<JsonNode> call(Http step, JsonNode context) {
        String url = Expressions.render(NODES.textNode(step.url()), context).asText();
        var request = http.requestAbs(HttpMethod.valueOf(step.method()), url).timeout(step.timeout().toMillis());
        Uni<HttpResponse<Buffer>> sent = step.body() == null || step.body().isNull()
                ? request.send()
                : request.putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(Expressions.render(step.body(), context).toString()));
        return sent.onFailure().transform(e -> new StepFailure(step.method() + " " + url + " failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())))
                .map(response -> {
                    if (step.failOnError() && response.statusCode() >= 400) {
                        throw new StepFailure(step.method() + " " + url + " answered " + response.statusCode());
                    }
                    ObjectNode output = NODES.objectNode().put("status", response.statusCode());
                    output.set("body", body(response));
                    return output;
                });
    }

    private static JsonNode body(HttpResponse<Buffer> response) {
        String text = response.bodyAsString();
        if (text == null || text.isEmpty()) {
            return NODES.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (Exception notJson) {
            return NODES.textNode(text);
        }
    }
}
