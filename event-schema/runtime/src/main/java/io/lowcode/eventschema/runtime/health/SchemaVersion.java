package io.lowcode.eventschema.runtime.health;

import java.util.Arrays;

/** A Flyway version such as {@code 1}, {@code 1.1} or {@code 2.0.3}, compared numerically per segment. */
public record SchemaVersion(int[] segments) implements Comparable<SchemaVersion> {

    public static SchemaVersion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty schema version");
        }
        String[] parts = text.trim().split("[._]");
        int[] segments = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                segments[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a schema version: '" + text + "'", e);
            }
        }
        return new SchemaVersion(segments);
    }

    @Override
    public int compareTo(SchemaVersion other) {
        int length = Math.max(segments.length, other.segments.length);
        for (int i = 0; i < length; i++) {
            int a = i < segments.length ? segments[i] : 0;
            int b = i < other.segments.length ? other.segments[i] : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    public boolean isAtLeast(SchemaVersion required) {
        return compareTo(required) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemaVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int[] trimmed = segments;
        int end = trimmed.length;
        while (end > 1 && trimmed[end - 1] == 0) {
            end--;
        }
        return Arrays.hashCode(Arrays.copyOf(trimmed, end));
    }

    @Override
    public String toString() {
        return String.join(".", Arrays.stream(segments).mapToObj(Integer::toString).toList());
    }
}
