package io.rosterline.sis;

/**
 * A source that cannot be read. Every subclass carries a plain-language message meant for a district admin; secrets
 * never appear in it.
 */
public class SisException extends RuntimeException {

    /** What went wrong, so that callers (the worker's exit code, the API's problem type) can tell kinds apart. */
    public enum Kind {
        HOST_NOT_FOUND, UNREACHABLE, TLS_FAILURE, BAD_CREDENTIALS, FORBIDDEN, WRONG_BASE_PATH, NOT_ONEROSTER,
        SOURCE_ERROR, UNAVAILABLE, INVALID_DATA
    }

    private final Kind kind;

    public SisException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SisException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The host name is not known to DNS. */
    public static final class HostNotFound extends SisException {
        public HostNotFound(String host, Throwable cause) {
            super(Kind.HOST_NOT_FOUND, "The SIS host '" + host + "' was not found. Check the base URL for typos.", cause);
        }
    }

    /** Nothing answered, or the connection broke, after every retry. */
    public static final class Unreachable extends SisException {
        public Unreachable(String message, Throwable cause) {
            super(Kind.UNREACHABLE, message, cause);
        }
    }

    public static final class TlsFailure extends SisException {
        public TlsFailure(String host, Throwable cause) {
            super(Kind.TLS_FAILURE, "A secure (TLS) connection to '" + host + "' could not be set up" + plainReason(cause)
                    + ". The server's certificate may be expired, self-signed or for another name.", cause);
        }

        /**
         * The JDK's messages name its own classes ("sun.security.provider.certpath.SunCertPathBuilderException: ..."),
         * which an admin cannot act on and which must not reach an API response: say the cause in plain words instead.
         */
        static String plainReason(Throwable cause) {
            StringBuilder all = new StringBuilder();
            for (Throwable t = cause; t != null && all.length() < 4000; t = t.getCause()) {
                all.append(' ').append(t.getMessage());
            }
            String text = all.toString().toLowerCase(java.util.Locale.ROOT);
            if (text.contains("pkix") || text.contains("certification path") || text.contains("self signed")) {
                return ": its certificate is not signed by an authority Rosterline trusts";
            }
            if (text.contains("no name matching") || text.contains("no subject alternative")) {
                return ": its certificate is for another name";
            }
            if (text.contains("expired") || text.contains("notafter")) {
                return ": its certificate has expired";
            }
            if (text.contains("protocol_version") || text.contains("handshake_failure") || text.contains("no appropriate protocol")) {
                return ": the server and Rosterline have no TLS version or cipher in common";
            }
            return "";
        }
    }

    /** 401, or a token endpoint that refused the client. */
    public static final class BadCredentials extends SisException {
        public BadCredentials(String message) {
            super(Kind.BAD_CREDENTIALS, message);
        }
    }

    /** 403: the key is valid but lacks rights to this data. */
    public static final class Forbidden extends SisException {
        public Forbidden(String message) {
            super(Kind.FORBIDDEN, message);
        }
    }

    /** 404 on a collection endpoint: almost always a base URL with the wrong path. */
    public static final class WrongBasePath extends SisException {
        public WrongBasePath(String message) {
            super(Kind.WRONG_BASE_PATH, message);
        }
    }

    /** 200, but the body is not the OneRoster (or PowerSchool) document we asked for. */
    public static final class NotOneRoster extends SisException {
        public NotOneRoster(String message) {
            super(Kind.NOT_ONEROSTER, message);
        }
    }

    /** The SIS answered with an error we cannot fix by retrying (4xx other than the above). */
    public static final class SourceError extends SisException {
        public SourceError(String message) {
            super(Kind.SOURCE_ERROR, message);
        }
    }

    /** 429/5xx/timeouts persisted through every retry, or the circuit breaker for the host is open. */
    public static final class Unavailable extends SisException {
        public Unavailable(String message, Throwable cause) {
            super(Kind.UNAVAILABLE, message, cause);
        }
    }

    /** A file or payload that cannot be read safely or at all (zip bomb, path traversal, not UTF-8, no manifest). */
    public static final class InvalidData extends SisException {
        public InvalidData(String message) {
            super(Kind.INVALID_DATA, message);
        }

        public InvalidData(String message, Throwable cause) {
            super(Kind.INVALID_DATA, message, cause);
        }
    }
}
