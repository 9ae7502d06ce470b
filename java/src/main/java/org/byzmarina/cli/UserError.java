package org.byzmarina.cli;

/** A mistake in what the user asked for; the CLI prints the message on one line and exits with code 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
