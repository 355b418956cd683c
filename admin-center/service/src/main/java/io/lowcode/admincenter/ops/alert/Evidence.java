package io.lowcode.admincenter.ops.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/** Evidence of a condition, within the limits of {@code alert.raised}: 100 entries, 4000 characters each. */
final class Evidence {

    static final int MAX_ENTRIES = 100;
    static final int MAX_VALUE = 4000;

    private final Map<String, String> entries = new LinkedHashMap<>();

    Evidence put(String key, Object value) {
        if (value != null && entries.size() < MAX_ENTRIES) {
            String text = String.valueOf(value);
            entries.put(key, text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE - 1) + "…" : text);
        }
        return this;
    }

    Map<String, String> map() {
        return Map.copyOf(entries);
    }
}
