package io.switchboard.platform.events;

/** A record that can never be processed; the consumer sends it to the dead-letter topic and carries on. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
