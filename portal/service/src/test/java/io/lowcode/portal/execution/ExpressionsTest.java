package io.lowcode.portal.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.portal.execution.budget.BudgetExceeded;
import io.lowcode.portal.execution.budget.JsonSize;
import io.lowcode.portal.execution.budget.RenderBudget;

/** Templates copy what they reference, never produce more than their budget, and encode what goes into a URL. */
class ExpressionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BUDGET = 512 * 1024;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static RenderBudget budget() {
        return new RenderBudget(BUDGET, "the output of step 'x'");
    }

    @Test
    void aReferenceIsACopyNotAnAlias() throws Exception {
        ObjectNode context = (ObjectNode) json("{\"steps\":{\"a\":{\"v\":[1,2]}}}");
        JsonNode out = Expressions.render(json("{\"copy\":\"${/steps/a}\"}"), context, budget());
        assertThat(out.get("copy")).isEqualTo(context.at("/steps/a")).isNotSameAs(context.at("/steps/a"));
        ((ObjectNode) out.get("copy")).put("changed", true);
        assertThat(context.at("/steps/a").has("changed")).isFalse();
    }

    @Test
    void aSelfReferenceCopiesTheOldValueSoNothingContainsItself() throws Exception {
        ObjectNode context = (ObjectNode) json("{\"steps\":{}}");
        for (int i = 0; i < 5; i++) {
            JsonNode out = Expressions.render(json("{\"self\":\"${/steps}\"}"), context, budget());
            ((ObjectNode) context.get("steps")).set("me", out);
        }
        // finite: five levels of copies, serializable
        assertThat(JsonSize.of(context, BUDGET)).isPositive();
    }

    @Test
    void aDoublingTemplateFailsOnceItsOutputWouldPassTheBudget() throws Exception {
        ObjectNode context = (ObjectNode) json("{\"last\":\"xxxxxxxxxx\"}");
        int rounds = 0;
        try {
            for (; rounds < 30; rounds++) {
                context.set("last", Expressions.render(json("{\"a\":\"${/last}\",\"b\":\"${/last}\"}"), context,
                        budget()));
            }
        } catch (BudgetExceeded expected) {
            assertThat(expected).hasMessage("the output of step 'x' is larger than " + BUDGET
                    + " bytes (lowcode.execution.max-step-output)");
        }
        assertThat(rounds).as("2^k copies of 10 bytes pass 512 KiB near k = 15").isBetween(12, 17);
    }

    @Test
    void aStringDoublingLoopFailsOnceTheTextWouldPassTheBudget() throws Exception {
        ObjectNode context = (ObjectNode) json("{\"s\":\"ab\"}");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 64; i++) {
                context.set("s", Expressions.render(json("\"${/s}${/s}\""), context, budget()));
            }
        }).isInstanceOf(BudgetExceeded.class);
        assertThat(context.get("s").asText().length()).isLessThanOrEqualTo((int) BUDGET);
    }

    @Test
    void manyReferencesToALargeValueFailBeforeCopyingThemAll() throws Exception {
        ObjectNode context = JSON.createObjectNode();
        context.put("big", "y".repeat(200_000));
        StringBuilder template = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            template.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"${/big}\"");
        }
        assertThatThrownBy(() -> Expressions.render(json(template.append("}").toString()), context, budget()))
                .isInstanceOf(BudgetExceeded.class);
    }

    @Test
    void valuesInterpolatedIntoAUrlArePercentEncoded() throws Exception {
        JsonNode context = json("{\"input\":{\"path\":\"@127.0.0.1:8082/q/health?x=1#f\",\"id\":\"a b~c\"}}");
        assertThat(Expressions.renderUrl("http://api.example:443${/input/path}", context, budget()))
                .isEqualTo("http://api.example:443%40127.0.0.1%3A8082%2Fq%2Fhealth%3Fx%3D1%23f");
        assertThat(Expressions.renderUrl("https://api.example/items/${/input/id}", context, budget()))
                .isEqualTo("https://api.example/items/a%20b~c");
        assertThat(Expressions.renderUrl("${/input/path}", context, budget()))
                .as("a whole-URL reference is text too, never a URL of the input's choosing")
                .startsWith("%40");
    }

    @Test
    void valuesNestedDeeperThanEventsAllowAreRefused() throws Exception {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < JsonSize.MAX_DEPTH + 5; i++) {
            deep.append("{\"d\":");
        }
        deep.append("1").append("}".repeat(JsonSize.MAX_DEPTH + 5));
        JsonNode context = json("{\"deep\":" + deep + "}");
        assertThatThrownBy(() -> Expressions.render(json("\"${/deep}\""), context, budget()))
                .isInstanceOf(BudgetExceeded.class).hasMessageContaining("nested more than");
    }
}
