package io.switchboard.queue.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A finished run of one channel, to be written: each message's outcome, what the contact checks said, when the
 * channel may send next.
 *
 * @param contacts chat to "has WhatsApp", for the chats checked in this run
 * @param retryAfter the provider asked to wait this long (429, 5xx with Retry-After), or null
 * @param calledChats chat to when the provider answered the run's last send to it (the pair rate is kept from there)
 */
record RunResult(
        LaneClaim claim,
        List<SendOutcome> outcomes,
        Map<String, Boolean> contacts,
        Instant nextSendAt,
        Duration retryAfter,
        Map<String, Instant> calledChats) {

    boolean unauthorized() {
        return outcomes.stream().anyMatch(outcome -> outcome.kind() == SendOutcome.Kind.FROZEN);
    }

    /** The provider answered a send of this run with something other than 401: a streak of 401s is over. */
    boolean answeredOtherThan401() {
        return outcomes.stream()
                .anyMatch(outcome ->
                        outcome.kind() != SendOutcome.Kind.FROZEN && outcome.kind() != SendOutcome.Kind.NOT_SENT);
    }

    /** Highest seq that reached an end (sent, refused) in this run, or -1. */
    long lastDoneSeq() {
        return outcomes.stream()
                .filter(o -> o.kind() == SendOutcome.Kind.SENT
                        || o.kind() == SendOutcome.Kind.FAILED
                        || o.kind() == SendOutcome.Kind.NO_WHATSAPP)
                .mapToLong(o -> o.message().seq())
                .max()
                .orElse(-1);
    }
}
