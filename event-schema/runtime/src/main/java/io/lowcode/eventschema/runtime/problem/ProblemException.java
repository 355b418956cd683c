package io.lowcode.eventschema.runtime.problem;

import java.util.List;

/**
 * Thrown by application code for a client or state error that must reach the caller as a problem
 * document. Subclass per kind, or use the factories.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private String permission;
    private Long retryAfterSeconds;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist", List.of());
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail, List.of());
    }

    /** 403: the caller is authenticated and has the role, but not the permission this resource needs. */
    public static ProblemException permissionRequired(String permission) {
        ProblemException e = new ProblemException(403, "permission-required", "Permission required",
                "this needs the permission " + permission, List.of());
        e.permission = permission;
        return e;
    }

    /** 429 with {@code Retry-After}. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        ProblemException e = new ProblemException(429, "too-many-requests", "Too many requests", detail, List.of());
        e.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        return e;
    }

    /** 503 {@code overloaded} with {@code Retry-After}: the service sheds load; the request may succeed later. */
    public static ProblemException overloaded(String detail, long retryAfterSeconds) {
        ProblemException e = new ProblemException(503, "overloaded", "Service overloaded", detail, List.of());
        e.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        return e;
    }

    /** 413 {@code too-large}: what the request would store or announce exceeds a limit (the detail names it). */
    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "too-large", "Payload too large", detail, List.of());
    }

    /** The permission a {@code permission-required} problem names, else {@code null}. */
    public String permission() {
        return permission;
    }

    /** Seconds a client should wait before retrying, or {@code null}. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
