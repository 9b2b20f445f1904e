package io.switchboard.notification.delivery;

import java.time.Duration;

/**
 * How an attempt ended, as {@link DeliveryOutcomes} judges it.
 *
 * @param accepted the receiver took it (an HTTP 2xx, or the SMTP server's acceptance)
 * @param status the receiver's HTTP status; null for an email or when there was no answer
 * @param retryAfter the receiver's {@code Retry-After}, as a wait; null when it sent none
 * @param error why it was not accepted, in words a curator may read
 * @param lasting nothing will change by trying again (no address, a body that cannot be read)
 */
record Answer(boolean accepted, Integer status, Duration retryAfter, String error, boolean lasting) {

    static Answer http(int status, Duration retryAfter) {
        return new Answer(status >= 200 && status < 300, status, retryAfter, null, false);
    }

    static Answer emailAccepted() {
        return new Answer(true, null, null, null, false);
    }

    /** No answer, or a refusal before any call: tried again on the schedule. */
    static Answer failed(String error) {
        return new Answer(false, null, null, error, false);
    }

    /** Dead at once: trying again changes nothing. */
    static Answer lasting(String error) {
        return new Answer(false, null, null, error, true);
    }
}
