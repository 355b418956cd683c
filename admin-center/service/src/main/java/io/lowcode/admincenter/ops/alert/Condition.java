package io.lowcode.admincenter.ops.alert;

import java.util.Map;

import io.lowcode.eventschema.payload.Severity;

/**
 * A rule's condition holding now for one target: what becomes an alert once it has held for the rule's {@code for}.
 *
 * @param rule     the rule's name
 * @param target   what it is about (a group, a broker id, a topic, a service…)
 * @param severity how urgent
 * @param summary  one line for people
 * @param evidence the measurements behind it (at most 100 entries of at most 4000 characters: the event's limits)
 */
public record Condition(String rule, String target, Severity severity, String summary, Map<String, String> evidence) {

    /** The key of an alert: one firing alert per rule and target. */
    public String key() {
        return rule + "\u0000" + target;
    }
}
