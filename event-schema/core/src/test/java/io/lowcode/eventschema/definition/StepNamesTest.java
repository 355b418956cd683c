package io.lowcode.eventschema.definition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class StepNamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void plainShortNamesAreValid() {
        assertThat(StepNames.valid("approve")).isTrue();
        assertThat(StepNames.valid("step-1.v2_final")).isTrue();
        assertThat(StepNames.valid("a".repeat(StepNames.MAX_LENGTH))).isTrue();
    }

    @Test
    void longNamesAndNamesThatCouldForgeLogsOrEventsAreInvalid() {
        assertThat(StepNames.valid("a".repeat(StepNames.MAX_LENGTH + 1))).isFalse();
        assertThat(StepNames.valid("")).isFalse();
        assertThat(StepNames.valid("-leading")).isFalse();
        assertThat(StepNames.valid("two words")).isFalse();
        assertThat(StepNames.valid("line\nbreak")).isFalse();
        assertThat(StepNames.valid("../path")).isFalse();
        assertThat(StepNames.valid(null)).isFalse();
    }

    @Test
    void aDefinitionsProblemsNameTheStep() throws Exception {
        assertThat(StepNames.problems(JSON.readTree("{\"steps\":[{\"name\":\"ok\"},{\"kind\":\"x\"},"
                + "{\"name\":\"" + "n".repeat(5000) + "\"},{\"name\":\"ok\"},{\"name\":7}]}")))
                .containsExactly("/steps/2/name: must be 1 to 64 letters, digits, '_', '.' or '-', starting with a "
                                + "letter or digit", "/steps/3/name: 'ok' is used twice",
                        "/steps/4/name: must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        assertThat(StepNames.problems(JSON.readTree("{\"nodes\":[]}"))).isEmpty();
    }
}
