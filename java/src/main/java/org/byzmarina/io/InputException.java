package org.byzmarina.io;

/** A user-supplied file is missing, unreadable or malformed; the message names the file and the problem. */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
