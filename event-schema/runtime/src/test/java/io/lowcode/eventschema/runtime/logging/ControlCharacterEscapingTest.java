package io.lowcode.eventschema.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class ControlCharacterEscapingTest {

    private final ControlCharacterEscaping filter = new ControlCharacterEscaping();

    @Test
    void aUserSuppliedValueCannotStartANewLogLine() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "failed login for username '%s'",
                ExtLogRecord.FormatStyle.PRINTF, ControlCharacterEscapingTest.class.getName());
        record.setParameters(new Object[] {"eve\n2026-01-01 INFO admin logged in\r\u001b[31m"});
        assertThat(filter.isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage()).isEqualTo(
                "failed login for username 'eve\\n2026-01-01 INFO admin logged in\\r\\u001b[31m'")
                .doesNotContain("\n");
    }

    @Test
    void ordinaryMessagesAreLeftAlone() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "execution %s completed", ExtLogRecord.FormatStyle.PRINTF,
                ControlCharacterEscapingTest.class.getName());
        record.setParameters(new Object[] {"e-1 ünïcode ok"});
        assertThat(filter.isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage()).isEqualTo("execution e-1 ünïcode ok completed");
        assertThat(ControlCharacterEscaping.escape("tab\there\u2028")).isEqualTo("tab\\there\\u2028");
    }
}
