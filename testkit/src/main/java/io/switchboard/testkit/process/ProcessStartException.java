package io.switchboard.testkit.process;

/** A process did not start or did not become ready; the message says why and shows its log tail. */
public class ProcessStartException extends RuntimeException {

    public ProcessStartException(String message) {
        super(message);
    }

    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
