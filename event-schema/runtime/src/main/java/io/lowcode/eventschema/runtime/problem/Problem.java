package io.lowcode.eventschema.runtime.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}. {@code type} is stable and
 * names the kind of error; {@code errors} names the offending fields; {@code permission} names the permission
 * a 403 {@code permission-required} lacked.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String permission) {

    /** A problem without a missing permission (every kind but {@code permission-required}). */
    public Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:lowcode:problem:";

    /** One invalid field: a JSON pointer or parameter name and why it is wrong. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }
}
