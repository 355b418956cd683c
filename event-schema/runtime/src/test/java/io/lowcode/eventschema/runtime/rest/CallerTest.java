package io.lowcode.eventschema.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.runtime.problem.ProblemException;

class CallerTest {

    @Test
    void aCorrelationIdOfPlainCharactersIsKept() {
        assertThat(Caller.of(null, "order-4711:retry_2.b").correlationId()).isEqualTo("order-4711:retry_2.b");
        assertThat(Caller.of(null, null).correlationId()).hasSize(36);
    }

    @Test
    void aCorrelationIdThatCouldForgeALogLineOrHeaderIsRefused() {
        for (String forged : new String[] {"ok\r\nINFO forged", "a b", "x".repeat(129), "<script>", "ä"}) {
            assertThatThrownBy(() -> Caller.of(null, forged)).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
