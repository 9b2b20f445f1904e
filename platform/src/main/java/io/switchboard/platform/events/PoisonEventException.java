package io.switchboard.platform.events;

import io.switchboard.platform.failure.PoisonException;

/** A record that can never be processed; the consumer sends it to the dead-letter topic at once and carries on. */
public class PoisonEventException extends PoisonException {

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
