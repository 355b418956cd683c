package io.lowcode.admincenter.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.payload.Channel;

/** The notifier's pure rules: backoff, template rendering, the de-duplication key. */
class NotifierRulesTest {

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(2);
        Duration max = Duration.ofSeconds(30);
        assertThat(DeliveryDispatcher.backoff(1, initial, max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DeliveryDispatcher.backoff(2, initial, max)).isEqualTo(Duration.ofSeconds(4));
        assertThat(DeliveryDispatcher.backoff(4, initial, max)).isEqualTo(Duration.ofSeconds(16));
        assertThat(DeliveryDispatcher.backoff(5, initial, max)).isEqualTo(max);
        assertThat(DeliveryDispatcher.backoff(200, initial, max)).isEqualTo(max);
    }

    @Test
    void placeholdersAreFilledAndAMissingParameterStaysVisible() {
        assertThat(Templates.fill("{name} {version} by {who}", Map.of("name", "Payroll", "version", "2.0.0")))
                .isEqualTo("Payroll 2.0.0 by {who}");
        assertThat(Templates.fill("cost {amount}", Map.of("amount", "$1 \\ 2"))).isEqualTo("cost $1 \\ 2");
        Templates.Message deployed = Templates.render(Templates.find(Templates.FUNCTION_UNIT_DEPLOYED).orElseThrow(),
                Map.of("name", "Payroll", "version", "2.0.0", "environment", "production"));
        assertThat(deployed.title()).isEqualTo("Function unit Payroll 2.0.0 deployed");
        assertThat(Templates.find("nope")).isEmpty();
    }

    @Test
    void theDeduplicationKeyIgnoresParameterOrderButNotRecipientChannelOrValues() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        String key = NotificationPlanner.dedupKey("t", ab, "u1", Channel.EMAIL);
        assertThat(NotificationPlanner.dedupKey("t", ba, "u1", Channel.EMAIL)).isEqualTo(key);
        assertThat(NotificationPlanner.dedupKey("t", ab, "u2", Channel.EMAIL)).isNotEqualTo(key);
        assertThat(NotificationPlanner.dedupKey("t", ab, "u1", Channel.SMS)).isNotEqualTo(key);
        assertThat(NotificationPlanner.dedupKey("t", Map.of("a", "1", "b", "3"), "u1", Channel.EMAIL)).isNotEqualTo(key);
        assertThat(NotificationPlanner.dedupKey("t2", ab, "u1", Channel.EMAIL)).isNotEqualTo(key);
    }
}
