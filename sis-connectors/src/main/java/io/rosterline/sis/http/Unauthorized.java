package io.rosterline.sis.http;

/** A 401 seen inside the guard; turned into BadCredentials (after one token refresh) by {@link SisHttp}. */
final class Unauthorized extends RuntimeException {
    final String detail;

    Unauthorized(String detail) {
        super(detail, null, false, false);
        this.detail = detail;
    }
}
