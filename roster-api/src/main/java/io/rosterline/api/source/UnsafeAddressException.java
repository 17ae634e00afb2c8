package io.rosterline.api.source;

/** An outbound URL roster-api refuses to call (SSRF rule); the message is for people. */
public class UnsafeAddressException extends RuntimeException {
    public UnsafeAddressException(String message) {
        super(message, null, false, false);
    }
}
