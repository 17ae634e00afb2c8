package io.rosterline.sis.http;

import java.time.Instant;

/** A 401 seen inside the guard; turned into BadCredentials (after one recovery attempt) by {@link SisHttp}. */
final class Unauthorized extends RuntimeException {
    final String detail;
    /** The refusing response's Date header, or null. */
    final Instant serverDate;

    Unauthorized(String detail, Instant serverDate) {
        super(detail, null, false, false);
        this.detail = detail;
        this.serverDate = serverDate;
    }
}
