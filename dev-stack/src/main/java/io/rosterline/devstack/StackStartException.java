package io.rosterline.devstack;

/** Something of the stack could not start; the message says what and, where it helps, what to do. */
public class StackStartException extends RuntimeException {
    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
