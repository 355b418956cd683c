package io.lowcode.eventschema;

/**
 * Topic names. The only place in the code base that spells them; everything else refers to these
 * constants or walks {@link TopicCatalog}.
 */
public final class Topics {

    public static final String FUNCTION_UNIT_EVENTS = "function-unit-events";
    public static final String USER_PERMISSION_EVENTS = "user-permission-events";
    public static final String WORKFLOW_EXECUTION_EVENTS = "workflow-execution-events";
    public static final String SYSTEM_NOTIFICATION_EVENTS = "system-notification-events";
    /** Operations of the platform itself: configuration versions and the self-healing fault history. */
    public static final String PLATFORM_OPERATIONS_EVENTS = "platform-operations-events";

    /** Suffix of the dead-letter topic that belongs to each business topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
