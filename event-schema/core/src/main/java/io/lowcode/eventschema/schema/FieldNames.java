package io.lowcode.eventschema.schema;

/**
 * How {@link io.lowcode.eventschema.InvalidEventException#field()} names a place in an event:
 * the bare attribute name for a top-level attribute ({@code type}), a JSON pointer below it
 * ({@code /data/payload/name}), the empty string for the document.
 */
public final class FieldNames {

    private FieldNames() {
    }

    /** {@code /type} becomes {@code type}; deeper pointers and the empty pointer stay as they are. */
    public static String attributeOrPointer(String pointer) {
        if (pointer.startsWith("/") && pointer.indexOf('/', 1) < 0) {
            return unescape(pointer.substring(1));
        }
        return pointer;
    }

    /** Escapes one JSON pointer segment (RFC 6901). */
    public static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
