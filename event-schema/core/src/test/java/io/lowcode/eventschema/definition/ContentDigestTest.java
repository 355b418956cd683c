package io.lowcode.eventschema.definition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ContentDigestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameContentHasTheSameDigestWhateverItsKeyOrderAndSpacing() throws Exception {
        String a = ContentDigest.of(JSON.readTree("{\"steps\":[{\"name\":\"x\",\"kind\":\"fail\"}],\"v\":1}"));
        String b = ContentDigest.of(JSON.readTree(" { \"v\" : 1, \"steps\" : [ { \"kind\":\"fail\", \"name\":\"x\" } ] }"));
        assertThat(a).isEqualTo(b).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void anyChangeChangesTheDigest() throws Exception {
        String a = ContentDigest.of(JSON.readTree("{\"steps\":[{\"name\":\"x\",\"url\":\"https://a.example\"}]}"));
        String b = ContentDigest.of(JSON.readTree("{\"steps\":[{\"name\":\"x\",\"url\":\"https://b.example\"}]}"));
        assertThat(a).isNotEqualTo(b);
    }
}
