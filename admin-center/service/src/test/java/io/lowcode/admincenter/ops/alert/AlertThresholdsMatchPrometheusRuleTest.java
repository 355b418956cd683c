package io.lowcode.admincenter.ops.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One source of truth for thresholds: every PrometheusRule alert marked "mirrors lowcode.ops.alerts.<rule>" in
 * k8s/monitoring/prometheus-rules.yaml has the threshold, {@code for} and severity of the admin center's defaults.
 */
class AlertThresholdsMatchPrometheusRuleTest {

    private static final Pattern MIRROR = Pattern.compile(
            "# mirrors lowcode\\.ops\\.alerts\\.([a-z-]+)[^\\n]*\\n(?:\\s*#[^\\n]*\\n)*\\s*- alert: (\\w+)\\n(.*?)(?=\\n\\s*(?:#[^\\n]*\\n\\s*)*- alert: |\\n\\s*- name: |\\z)",
            Pattern.DOTALL);

    private static final Map<String, String> RULES = new HashMap<>();
    private static final Properties DEFAULTS = new Properties();

    @BeforeAll
    static void read() throws IOException {
        String yaml = Files.readString(Path.of("../../k8s/monitoring/prometheus-rules.yaml"));
        Matcher m = MIRROR.matcher(yaml);
        while (m.find()) {
            RULES.put(m.group(1), m.group(3));
        }
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            DEFAULTS.load(reader);
        }
    }

    @Test
    void everyMirroredRuleHasTheAdminCentersSeverityAndFor() {
        assertThat(RULES).containsOnlyKeys("consumer-group-lag", "consumer-group-status", "dead-letters", "outbox-age",
                "publish-failures", "under-replicated-partitions", "offline-partitions", "broker-down");
        RULES.forEach((rule, body) -> {
            assertThat(group(body, "severity: (\\w+)")).as(rule + " severity")
                    .isEqualTo(setting(rule, "severity").toLowerCase(Locale.ROOT));
            if (!rule.equals("consumer-group-status")) { // a window of samples there, `for` on Prometheus' series here
                Duration prometheus = body.contains("for: ") ? prometheusDuration(group(body, "for: (\\w+)")) : Duration.ZERO;
                assertThat(prometheus).as(rule + " for").isEqualTo(configDuration(setting(rule, "for")));
            }
        });
    }

    @Test
    void everyMirroredThresholdIsTheAdminCentersDefault() {
        assertThat(group(RULES.get("consumer-group-lag"), "\\) > (\\d+)")).isEqualTo(setting("consumer-group-lag", "threshold"));
        assertThat(group(RULES.get("dead-letters"), "\\) > (\\d+)")).isEqualTo(setting("dead-letters", "threshold"));
        assertThat(prometheusDuration(group(RULES.get("dead-letters"), "\\[(\\w+)]")))
                .isEqualTo(configDuration(setting("dead-letters", "lookback")));
        assertThat(Duration.ofSeconds(Long.parseLong(group(RULES.get("outbox-age"), "\\) > (\\d+)"))))
                .isEqualTo(configDuration(setting("outbox-age", "max-age")));
        assertThat(Double.parseDouble(group(RULES.get("publish-failures"), "\\) > ([0-9.]+)")))
                .isEqualTo(Double.parseDouble(setting("publish-failures", "ratio")));
        assertThat(group(RULES.get("consumer-group-status"), "consumergroup=~\"([^\"]+)\"").replace("\\\\.", "[.]"))
                .isEqualTo(setting("consumer-group-status", "groups"));
    }

    private static String setting(String rule, String key) {
        String value = DEFAULTS.getProperty("lowcode.ops.alerts." + rule + "." + key);
        assertThat(value).as("lowcode.ops.alerts." + rule + "." + key).isNotNull();
        return value.strip();
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in\n" + text).isTrue();
        return m.group(1);
    }

    /** Prometheus durations: 30s, 1m, 15m, 2h. */
    private static Duration prometheusDuration(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException(text);
        };
    }

    /** SmallRye durations as written in application.properties: 0s, 60s, 1M, 15M. */
    private static Duration configDuration(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'M' -> Duration.ofMinutes(n);
            case 'H' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException(text);
        };
    }
}
