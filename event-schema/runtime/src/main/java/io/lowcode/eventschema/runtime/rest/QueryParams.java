package io.lowcode.eventschema.runtime.rest;

import io.lowcode.eventschema.runtime.problem.ProblemException;

/** Query parameters read by hand, so that a bad value is a problem+json 400 naming the parameter. */
public final class QueryParams {

    /** Page size when none is asked for. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    /** The largest page size any list endpoint serves. */
    public static final int MAX_PAGE_SIZE = 200;
    /** The last page whose offset still fits an int. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;

    private QueryParams() {
    }

    /** {@code raw} as an ISO-8601 instant with offset ({@code 2025-01-31T08:00:00Z}), {@code null} when blank; else 400. */
    public static java.time.Instant instant(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest(parameter, "must be an ISO-8601 instant such as 2025-01-31T08:00:00Z");
        }
    }

    /** {@code raw} stripped, {@code null} when blank; 400 naming {@code parameter} when longer than {@code maxLength}. */
    public static String text(String parameter, String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (value.length() > maxLength) {
            throw ProblemException.badRequest(parameter, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** {@code raw} as an integer in {@code min..max}, {@code absent} when blank; else 400 naming {@code parameter}. */
    public static int integer(String parameter, String raw, int absent, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(parameter, "must be an integer from " + min + " to " + max);
    }

    /** {@code raw} as one of {@code type}'s constants (any case), {@code null} when blank; else 400 listing them. */
    public static <E extends Enum<E>> E constant(String parameter, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(parameter, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** {@code raw} stripped, {@code null} when blank. */
    public static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
