package io.lowcode.eventschema;

import java.util.Objects;

/**
 * The one exception reading (and writing) an event can end with: the record is not an event this
 * reader can accept. Consumers send such records to the dead-letter topic with {@link #reason()} and
 * {@link #field()} in the headers; they never retry them.
 */
public final class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an event was rejected, in the order the checks run. */
    public enum Reason {
        /** Not JSON, not a JSON object, too large or too deeply nested. */
        MALFORMED_JSON,
        /** A required CloudEvents attribute (or {@code eventversion}/{@code data}) is absent or null. */
        MISSING_ATTRIBUTE,
        /** The {@code type} is not in the catalog. */
        UNKNOWN_TYPE,
        /** {@code specversion} is not 1.0, or {@code eventversion} is not one this reader knows. */
        UNSUPPORTED_VERSION,
        /** The document does not satisfy the JSON Schema of its type and version. */
        SCHEMA_VIOLATION,
        /** Schema-valid JSON that still could not be upcast or turned into the typed envelope. */
        BINDING_FAILED,
        /** Larger than a producer may write ({@link io.lowcode.eventschema.serde.EventJson#MAX_EVENT_BYTES}). */
        TOO_LARGE
    }

    private final String field;
    private final Reason reason;

    /**
     * @param field  the CloudEvents attribute name for a top-level attribute (e.g. {@code type}), a JSON
     *               pointer below it (e.g. {@code /data/payload/name}), or the empty string for the
     *               document as a whole
     * @param reason why it was rejected
     * @param detail what exactly is wrong, without the field name (it is prepended)
     */
    public InvalidEventException(String field, Reason reason, String detail) {
        this(field, reason, detail, null);
    }

    public InvalidEventException(String field, Reason reason, String detail, Throwable cause) {
        super(message(field, reason, detail), cause);
        this.field = Objects.requireNonNull(field, "field");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The attribute name or JSON pointer of the offending value; empty for the whole document. */
    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }

    private static String message(String field, Reason reason, String detail) {
        String where = field == null || field.isEmpty() ? "document" : "'" + field + "'";
        return reason + " at " + where + ": " + detail;
    }
}
