package io.lowcode.admincenter.ops.configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.runtime.configuration.Durations;
import io.lowcode.eventschema.runtime.problem.ProblemException;

/**
 * One managed parameter: its key, type and bounds, how it takes effect, and its value before it was managed. {@link
 * #normalize} refuses a bad value with 400 naming the field ({@code parameters.<key>}) and returns the canonical text.
 *
 * @param key          the key
 * @param group        for people: Topics, Alert thresholds, Notifier, Consumer retries, Self-healing, Migrator parameters
 * @param kind         its type
 * @param appliedBy    how it takes effect
 * @param appliesTo    who applies it, for people
 * @param description  what it does, for people
 * @param min          lower bound (integers: the value; durations: milliseconds; ratios: thousandths)
 * @param max          upper bound, likewise
 * @param choices      for {@link Kind#CHOICE}
 * @param defaultValue the value before it was managed
 */
public record ParameterSpec(String key, String group, Kind kind, AppliedBy appliedBy, String appliesTo,
        String description, long min, long max, List<String> choices, String defaultValue) {

    /** Value types. */
    public enum Kind {
        INTEGER, DURATION, RATIO, CHANNELS, NAMES, CHOICE
    }

    /** How a parameter takes effect. */
    public enum AppliedBy {
        /** Through the Kafka Admin API, by the admin center. */
        KAFKA,
        /** By the services, from {@code configuration.changed}. */
        SERVICES,
        /** Kept, versioned and shown; no code reads it. */
        RECORDED
    }

    static final int MAX_VALUE_LENGTH = 1000;
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,3}(\\.\\d{1,6})?");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_NAMES = 20;

    /** The field a problem names for this parameter. */
    public String field() {
        return "parameters." + key;
    }

    /** What is accepted, for people. */
    public String bounds() {
        return switch (kind) {
            case INTEGER -> "a whole number from " + min + " to " + max;
            case DURATION -> "a duration from " + Durations.format(Duration.ofMillis(min)) + " to "
                    + Durations.format(Duration.ofMillis(max)) + " (e.g. 500ms, 30s, 10M, 2H, 1D)";
            case RATIO -> "a number from " + min / 1000.0 + " to " + max / 1000.0;
            case CHANNELS -> "one or more of EMAIL, SMS, IM, comma-separated";
            case NAMES -> "up to " + MAX_NAMES + " consumer names (lower-case letters, digits, '-'), comma-separated; "
                    + "empty for none";
            case CHOICE -> "one of " + String.join(", ", choices);
        };
    }

    /**
     * @throws ProblemException 400 naming {@link #field()} when {@code raw} is not acceptable
     */
    public String normalize(String raw) {
        if (raw == null) {
            throw bad("must be given (" + bounds() + ")");
        }
        String value = raw.strip();
        if (value.length() > MAX_VALUE_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw bad("must be at most " + MAX_VALUE_LENGTH + " characters without control characters");
        }
        return switch (kind) {
            case INTEGER -> {
                if (!INTEGER.matcher(value).matches()) {
                    throw bad("'" + shown(value) + "' is not " + bounds());
                }
                long n = Long.parseLong(value);
                if (n < min || n > max) {
                    throw bad(n + " is out of range: " + bounds());
                }
                yield Long.toString(n);
            }
            case DURATION -> {
                Duration d;
                try {
                    d = Durations.parse(value);
                } catch (IllegalArgumentException e) {
                    throw bad("'" + shown(value) + "' is not " + bounds());
                }
                if (d.toMillis() < min || d.toMillis() > max) {
                    throw bad(Durations.format(d) + " is out of range: " + bounds());
                }
                yield Durations.format(d);
            }
            case RATIO -> {
                if (!DECIMAL.matcher(value).matches()) {
                    throw bad("'" + shown(value) + "' is not " + bounds());
                }
                double r = Double.parseDouble(value);
                if (r * 1000 < min || r * 1000 > max) {
                    throw bad(value + " is out of range: " + bounds());
                }
                yield Double.toString(r);
            }
            case CHANNELS -> {
                Set<Channel> channels = EnumSet.noneOf(Channel.class);
                for (String part : value.split(",", -1)) {
                    try {
                        channels.add(Channel.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw bad("'" + shown(part.strip()) + "' is not a channel: " + bounds());
                    }
                }
                yield String.join(",", channels.stream().map(Enum::name).toList());
            }
            case NAMES -> {
                Set<String> names = new LinkedHashSet<>();
                if (!value.isEmpty()) {
                    for (String part : value.split(",", -1)) {
                        String name = part.strip();
                        if (!NAME.matcher(name).matches()) {
                            throw bad("'" + shown(name) + "' is not a consumer name: " + bounds());
                        }
                        names.add(name);
                    }
                }
                if (names.size() > MAX_NAMES) {
                    throw bad(names.size() + " names: " + bounds());
                }
                yield String.join(",", new ArrayList<>(names));
            }
            case CHOICE -> {
                if (!choices.contains(value)) {
                    throw bad("'" + shown(value) + "' is not " + bounds());
                }
                yield value;
            }
        };
    }

    ProblemException bad(String message) {
        return ProblemException.badRequest(field(), message);
    }

    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
