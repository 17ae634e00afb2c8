package io.rosterline.sis.http;

/** A failure worth retrying (429, 5xx, timeout, refused connection). Never leaves {@link SisHttp}. */
final class TransientFailure extends RuntimeException {

    enum Why { RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION }

    final Why why;
    /** From Retry-After; -1 when the server gave none. */
    final long retryAfterMillis;

    TransientFailure(Why why, String message, long retryAfterMillis, Throwable cause) {
        super(message, cause, false, false);
        this.why = why;
        this.retryAfterMillis = retryAfterMillis;
    }
}
