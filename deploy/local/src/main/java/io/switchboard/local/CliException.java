package io.switchboard.local;

/** Something the person at the terminal must know and can fix; printed without a stack trace. */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
