package io.switchboard.platform.failure;

/**
 * Input that can never be processed, however often it is tried: it is set aside at once ({@link FailureKind#POISON}).
 */
public class PoisonException extends RuntimeException {

    public PoisonException(String message, Throwable cause) {
        super(message, cause);
    }
}
