package io.lowcode.eventschema.runtime.configuration;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration notation of managed parameters, the same as in {@code application.properties}: a whole number and a unit,
 * {@code ms}, {@code s}, {@code M} (minutes), {@code H}, {@code D} ({@code m} and {@code h}, {@code d} too), or an
 * ISO-8601 duration ({@code PT30S}).
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /** @throws IllegalArgumentException when {@code text} is not a duration */
    public static Duration parse(String text) {
        String value = text.strip();
        if (value.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration");
            }
        }
        Matcher m = SHORT.matcher(value.endsWith("ms") ? value : value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 30s, 10M, 2H, 1D)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The shortest notation {@link #parse} reads back to {@code duration}. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "D";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "H";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "M";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
