package io.switchboard.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.platform.failure.Failures;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error into a problem document, so that clients always get {@code application/problem+json} with a
 * 4xx they can act on, and a 500 never leaks internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> Map.of("field", field(v), "message", v.getMessage()))
                .toList();
        String detail = violations.stream()
                .map(v -> v.get("field") + ": " + v.get("message"))
                .collect(Collectors.joining("; "));
        return Problem.of(400, "invalid-request", "Invalid request", detail)
                .with("violations", violations)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return malformed(e, "").toResponse();
    }

    /**
     * The 400 for a body (or a part of it, its fields named after {@code prefix}) that does not read: which field and
     * why, never the value.
     */
    public static Problem malformed(JsonProcessingException e, String prefix) {
        String field = null;
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            field = prefix + field(unknown);
            message = "is not part of this request";
        } else if (e instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            field = prefix + field(mapping);
            message = e instanceof StrictJsonResolver.ControlCharacterException
                    ? mapping.getOriginalMessage()
                    : "has the wrong type or format";
        } else {
            message = prefix.isEmpty() ? "The body is not valid JSON" : "'" + prefix + "' is not valid JSON";
        }
        Problem problem = Problem.of(
                400,
                "malformed-json",
                "Malformed request body",
                field == null ? message : "Field '" + field + "' " + message);
        return field == null
                ? problem
                : problem.with("violations", List.of(Map.of("field", field, "message", message)));
    }

    /** Wrong types ({@code "phone": 42}); named explicitly to win over the JSON reader's own mapper. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(Problem.of(
                                401,
                                "unauthenticated",
                                "Authentication required",
                                "Send a valid bearer token: Authorization: Bearer <JWT>")
                        .toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "forbidden", "Not allowed", "The token's groups do not allow this operation")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformedJson(json); // the JSON reader reports parse errors as a plain 400
            }
        }
        if (status >= 500) {
            return unexpected(e);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return Problem.of(status, "http-" + status, reason, e.getMessage()).toResponse();
    }

    /**
     * A failure of the infrastructure (the database restarting, a lock time-out, Kafka away) is a 503 the client may
     * retry; anything else is a 500 with an id to quote, logged with its stack trace under that id.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (Failures.isPassing(e)) {
            LOG.warnf("Request failed for a passing reason; answered 503: %s", Failures.rootMessage(e));
            return Problem.of(
                            503,
                            "temporarily-unavailable",
                            "Temporarily unavailable",
                            "A part of the platform cannot be reached just now; retry the request shortly")
                    .retryAfter(5)
                    .toResponse();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", errorId);
        return Problem.of(
                        500,
                        "internal-error",
                        "Internal error",
                        "The request failed unexpectedly; quote error id " + errorId + " to support")
                .with("errorId", errorId)
                .toResponse();
    }

    /** The JSON path of the field, e.g. {@code messages[3].text}, cut so that a hostile key is not echoed whole. */
    private static String field(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return io.switchboard.platform.text.Texts.fit(path.toString(), 100);
    }

    private static String field(ConstraintViolation<?> violation) {
        // Path is method.argN.field: keep what the client sent, the field name.
        String path = violation.getPropertyPath().toString();
        int dot = path.indexOf('.', path.indexOf('.') + 1);
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
