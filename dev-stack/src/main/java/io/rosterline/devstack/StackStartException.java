package io.rosterline.devstack;

/** Something of the stack could not start; the message says what and, where it helps, what to do. */
public class StackStartException extends RuntimeException {
    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The stack was closed (Ctrl-C) while it was starting: nothing failed, the start was abandoned. */
    static StackStartException stopped(Throwable cause) {
        return new Stopped(cause);
    }

    /** True when the start was abandoned because the stack was closed meanwhile. */
    public boolean stoppedWhileStarting() {
        return this instanceof Stopped;
    }

    private static final class Stopped extends StackStartException {
        Stopped(Throwable cause) {
            super("Stopped while starting", cause);
        }
    }
}
