package io.lowcode.admincenter.notification.service;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message templates, by id: a title and a body with {@code {param}} placeholders filled from the notification's
 * parameters. A placeholder without a parameter stays as it is (visible, so a producer's mistake shows), an unknown
 * template id is a permanent failure of the notification.
 */
public final class Templates {

    public static final String FUNCTION_UNIT_PUBLISHED = "function-unit-published";
    public static final String FUNCTION_UNIT_DEPLOYED = "function-unit-deployed";
    public static final String FUNCTION_UNIT_RETIRED = "function-unit-retired";
    public static final String ACCOUNT_CREATED = "account-created";
    public static final String ALERT_RAISED = "alert-raised";
    public static final String ALERT_RESOLVED = "alert-resolved";
    public static final String EXECUTION_INTERRUPTED = "execution-interrupted";

    /** A template's text. */
    public record Template(String id, String title, String body) {
    }

    /** A rendered message. */
    public record Message(String title, String body) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

    private static final Map<String, Template> CATALOG = Map.of(
            FUNCTION_UNIT_PUBLISHED, new Template(FUNCTION_UNIT_PUBLISHED,
                    "Function unit {name} {version} published",
                    "Version {version} of function unit {name} ({functionUnitId}) was published and is waiting for deployment."),
            FUNCTION_UNIT_DEPLOYED, new Template(FUNCTION_UNIT_DEPLOYED,
                    "Function unit {name} {version} deployed",
                    "Version {version} of function unit {name} is live in {environment}; you can use it in the portal."),
            FUNCTION_UNIT_RETIRED, new Template(FUNCTION_UNIT_RETIRED,
                    "Function unit {name} retired",
                    "Version {version} of function unit {name} was retired and can no longer be used. Reason: {reason}"),
            ACCOUNT_CREATED, new Template(ACCOUNT_CREATED,
                    "Welcome, {username}",
                    "Your account {username} was created. Sign in to the portal with it."),
            ALERT_RAISED, new Template(ALERT_RAISED,
                    "Alert {rule}: {summary}",
                    "Alert {alertId} ({rule}, {severity}) raised at {raisedAt}: {summary}"),
            ALERT_RESOLVED, new Template(ALERT_RESOLVED,
                    "Resolved: {rule}",
                    "Alert {alertId} ({rule}) resolved at {resolvedAt}. {summary}"),
            EXECUTION_INTERRUPTED, new Template(EXECUTION_INTERRUPTED,
                    "Execution {executionId} interrupted",
                    "Execution {executionId} of function unit {functionUnitId} was interrupted: {reason}"));

    private Templates() {
    }

    public static Optional<Template> find(String id) {
        return Optional.ofNullable(id).map(CATALOG::get);
    }

    /** Every template id. */
    public static java.util.Set<String> ids() {
        return CATALOG.keySet();
    }

    public static Message render(Template template, Map<String, String> parameters) {
        return new Message(fill(template.title(), parameters), fill(template.body(), parameters));
    }

    static String fill(String text, Map<String, String> parameters) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
