package io.rosterline.worker;

import io.rosterline.sis.SisException;

/** Exit codes of the worker, so that schedulers and scripts can tell failures apart without parsing text. */
public final class ExitCodes {
    public static final int OK = 0;
    /** picocli's code for bad options. */
    public static final int USAGE = 2;
    public static final int BAD_CREDENTIALS = 3;
    public static final int UNREACHABLE = 4;
    public static final int INVALID_DATA = 5;
    public static final int OTHER = 1;

    private ExitCodes() {
    }

    public static int of(SisException.Kind kind) {
        return switch (kind) {
            case BAD_CREDENTIALS, FORBIDDEN -> BAD_CREDENTIALS;
            case HOST_NOT_FOUND, UNREACHABLE, TLS_FAILURE, UNAVAILABLE -> UNREACHABLE;
            case WRONG_BASE_PATH, NOT_ONEROSTER, SOURCE_ERROR, INVALID_DATA -> INVALID_DATA;
        };
    }
}
