package io.switchboard.queue.dispatch;

import io.switchboard.contracts.message.FirstContact;

/**
 * What became of one claimed message in a run. The kinds are the {@code outcome} labels of
 * {@code switchboard_queue_dispatched_total} ({@code QueueMetrics.DISPATCH_OUTCOMES}).
 *
 * @param firstContact what the contact check said, on the first message of a chat checked in this run
 */
record SendOutcome(
        LaneClaim.ClaimedMessage message,
        Kind kind,
        String reason,
        String errorCode,
        String providerMessageId,
        FirstContact firstContact) {

    enum Kind {
        /** The provider took it. */
        SENT,
        /** 401 "need channel authorization": back to FROZEN; the channel is reconnecting. */
        FROZEN,
        /**
         * A provider error, a time-out or no connection: back to QUEUED, tried again (FAILED after the last attempt).
         */
        RETRY,
        /** 429: back to QUEUED, tried again after the provider's Retry-After. */
        RATE_LIMITED,
        /** The provider refused it for good (a 4xx), with its code: FAILED. */
        FAILED,
        /** The contact check found no WhatsApp account. */
        NO_WHATSAPP,
        /** Not tried: an earlier message of the run stopped it, or the channel stopped sending. */
        NOT_SENT
    }

    static SendOutcome of(LaneClaim.ClaimedMessage message, Kind kind, String reason) {
        return new SendOutcome(message, kind, reason, null, null, null);
    }

    SendOutcome withFirstContact(FirstContact contact) {
        return new SendOutcome(message, kind, reason, errorCode, providerMessageId, contact);
    }
}
