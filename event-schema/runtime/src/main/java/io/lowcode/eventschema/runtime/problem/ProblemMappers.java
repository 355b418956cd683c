package io.lowcode.eventschema.runtime.problem;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.quarkus.logging.Log;

/**
 * Turns every error into RFC 9457 problem+json: client mistakes keep their status and name the field,
 * anything unexpected is a 500 with an opaque detail (logged with an id, never a stack trace on the wire).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(new Problem(Problem.type(e.slug()), e.title(), e.status(), e.getMessage(), path(uri),
                e.errors(), e.permission()));
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response invalidJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? pointer(m.getPath()) : "/";
        String message = e.getOriginalMessage();
        return respond(new Problem(Problem.type("invalid-json"), "Malformed JSON", 400,
                "the request body is not valid JSON for this operation", path(uri),
                List.of(new Problem.FieldError(field.isEmpty() ? "/" : field, message))));
    }

    /**
     * A value of the wrong type or format (an instant that is not ISO-8601, a number where a list belongs): Quarkus'
     * own mapper for this more specific type would answer plain JSON, so it is mapped here too.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return invalidJson(e, uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(Problem.type("validation"), "Invalid request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps a body that Jackson cannot read in a 400; say what is wrong with it.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return invalidJson(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = e.getResponse().getStatusInfo();
        String slug = type.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return respond(new Problem(Problem.type(slug), type.getReasonPhrase(), status, e.getMessage(), path(uri),
                List.of()));
    }

    /** No token, or a token that is expired, forged or from another issuer: one answer, no detail to probe with. */
    @ServerExceptionMapper({ io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.AuthenticationCompletionException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(new Problem(Problem.type("unauthenticated"), "Unauthorized", 401,
                        "a valid bearer token is required (POST /api/v1/auth/token on the admin center)", path(uri),
                        List.of())))
                .header(jakarta.ws.rs.core.HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** A valid token whose roles do not include one this operation allows. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.type("forbidden"), "Forbidden", 403,
                "the token's roles do not allow this operation", path(uri), List.of()));
    }

    /**
     * The request would produce an event the catalog refuses: 413 {@code too-large} when it would be larger than a
     * producer may write (nothing was stored: the transaction rolled back), 400 {@code invalid-event} naming the field
     * otherwise (e.g. a text longer than the event's schema allows).
     */
    @ServerExceptionMapper
    public Response invalidEvent(io.lowcode.eventschema.InvalidEventException e, UriInfo uri) {
        if (e.reason() == io.lowcode.eventschema.InvalidEventException.Reason.TOO_LARGE) {
            Log.infof("refused %s: %s", path(uri), e.getMessage());
            return respond(new Problem(Problem.type("too-large"), "Payload too large", 413,
                    "the event this request would publish is larger than "
                            + io.lowcode.eventschema.serde.EventJson.MAX_EVENT_BYTES + " bytes; nothing was changed",
                    path(uri), List.of()));
        }
        Log.infof("refused %s: its event would be invalid: %s", path(uri), e.getMessage());
        String field = e.field().isEmpty() ? "/" : e.field();
        return respond(new Problem(Problem.type("invalid-event"), "Invalid request", 400,
                "the event this request would publish is invalid at " + field + "; nothing was changed", path(uri),
                List.of(new Problem.FieldError(field, e.reason().name().toLowerCase(java.util.Locale.ROOT)))));
    }

    /** A bulkhead (admission control) is full: 503 {@code overloaded}, retry later. */
    @ServerExceptionMapper
    public Response overloaded(org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException e, UriInfo uri) {
        return problem(ProblemException.overloaded("too many requests of this kind are in progress; try again later", 2),
                uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        String incident = java.util.UUID.randomUUID().toString();
        Log.errorf(e, "unexpected error on %s (incident %s)", path(uri), incident);
        return respond(new Problem(Problem.type("internal"), "Internal error", 500,
                "unexpected error; incident " + incident + " is in the service log", path(uri), List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The request field a violation is about: the path after the method and its parameter, e.g. {@code name}. */
    static String field(ConstraintViolation<?> violation) {
        List<String> nodes = new java.util.ArrayList<>();
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY
                    || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                nodes.add(node.getName());
            }
        }
        if (nodes.isEmpty()) {
            String path = violation.getPropertyPath().toString();
            return path.substring(path.lastIndexOf('.') + 1);
        }
        return String.join(".", nodes);
    }

    static String pointer(List<JsonMappingException.Reference> path) {
        return path.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
                .collect(Collectors.joining("/", "/", ""));
    }
}
