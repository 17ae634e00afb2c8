package io.rosterline.api.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Maps every failure to RFC 9457 problem+json: a stable type, a plain detail, never a stack trace or class name. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.type, e.getMessage(), uri, e.errors);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return respond(ProblemType.VALIDATION, "Check the highlighted fields and try again.", uri, errors);
    }

    @ServerExceptionMapper({JsonProcessingException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message;
            if (e instanceof UnrecognizedPropertyException) {
                message = "is not a known field";
            } else if (e instanceof InvalidFormatException invalid) {
                message = "'" + invalid.getValue() + "' is not a valid " + simpleTypeName(invalid.getTargetType());
            } else {
                message = "has the wrong type or format";
            }
            return respond(ProblemType.VALIDATION, "Check the highlighted fields and try again.", uri,
                    List.of(new Problem.FieldError(field, message)));
        }
        return respond(ProblemType.BAD_REQUEST, "The request body is not valid JSON.", uri, List.of());
    }

    /** Declared separately because quarkus-rest-jackson ships its own mapper for exactly these types. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsableJson(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN, "Your account does not have permission for this.", uri, List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps Jackson's parse errors; unwrap them so the client learns which field is wrong.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 409 -> ProblemType.CONFLICT;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.BAD_REQUEST;
        };
        if (status == 401) {
            return unauthenticated(uri);
        }
        String detail = switch (type) {
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the request body as application/json.";
            case INTERNAL -> "Please try again; if it keeps happening, contact support.";
            default -> "The request could not be understood.";
        };
        return respond(type, detail, uri, List.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (lostDatabaseConnection(e)) {
            // A failover or a cut connection: PostgreSQL rolled the request's transaction back, and the pool opens new
            // connections. Not a bug to quote an incident for; the client should simply ask again.
            LOG.warnf("Database connection lost during %s: %s", uri == null ? "a request" : uri.getPath(), e.getMessage());
            return Response.fromResponse(respond(ProblemType.UNAVAILABLE, "The connection to the database was lost and nothing of "
                    + "this request was saved. Please try again in a few seconds.", uri, List.of()))
                    .header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(ProblemType.INTERNAL,
                "Please try again; if it keeps happening, contact support and quote incident " + incident + ".", uri, List.of());
    }

    /** SQLState class 08 (connection exception) or 57P01-57P03 (the server shut down or restarts), anywhere in the causes. */
    static boolean lostDatabaseConnection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(ProblemType.UNAUTHORIZED, "Sign in to continue.", uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    public static Response respond(ProblemType type, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem body = new Problem(type.uri(), type.title, type.status, detail,
                uri == null ? null : uri.getPath(), errors);
        return Response.status(type.status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** "create.request.nightlyWindow.start" -> "nightlyWindow.start": the method and body-parameter names are not fields. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String parameter = null;
        List<String> properties = new java.util.ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY -> properties.add(node.getIndex() == null ? node.getName() : node.getName() + "[" + node.getIndex() + "]");
                default -> { }
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameter == null ? "request" : parameter;
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return "choice; use one of " + java.util.Arrays.stream(constants).map(Object::toString).collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "id";
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "LocalTime" -> "time (HH:MM)";
            case "Integer", "int", "Long", "long" -> "whole number";
            case "Boolean", "boolean" -> "true or false";
            default -> "value";
        };
    }
}
