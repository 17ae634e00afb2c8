package io.rosterline.api.common;

/** The stable problem types; clients switch on {@link #uri()}, people read the title. */
public enum ProblemType {
    VALIDATION(400, "validation", "Some fields are not valid"),
    BAD_REQUEST(400, "bad-request", "The request could not be understood"),
    UNAUTHORIZED(401, "unauthorized", "Sign-in required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    CONFLICT(409, "conflict", "Conflict with the current state"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    UNPROCESSABLE(422, "unprocessable", "The request cannot be carried out"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    UPSTREAM(502, "upstream", "The student information system did not answer as expected"),
    UNAVAILABLE(503, "unavailable", "Briefly unavailable"),
    INTERNAL(500, "internal", "Something went wrong on our side");

    public final int status;
    public final String slug;
    public final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public String uri() {
        return Problem.TYPE_BASE + slug;
    }
}
