package io.lowcode.eventschema.runtime.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Makes every log message one line whatever a user typed into it: carriage returns, line feeds and the other control
 * characters in the formatted message (usernames, step names, URLs, error texts are logged as given) are written as
 * escapes ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), so no input can forge a log line or a terminal escape.
 * Stack traces are not touched. Enabled for the console in the shared configuration
 * ({@code quarkus.log.console.filter}).
 */
@LoggingFilter(name = ControlCharacterEscaping.NAME)
public final class ControlCharacterEscaping implements Filter {

    public static final String NAME = "escape-control-characters";

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (formatted != null && needsEscaping(formatted)) {
            String escaped = escape(formatted);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(escaped, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(escaped);
            }
            record.setParameters(null);
        }
        return true;
    }

    private static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (control(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with its control characters (C0, DEL, C1, line and paragraph separators) escaped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (control(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean control(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
