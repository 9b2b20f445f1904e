package io.switchboard.queue.message;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.platform.text.Texts;

/**
 * One state change of one message, applied only if the message is still in {@code expected} (and, for a dispatch's
 * outcome, still carries that dispatch's token): a change computed from a stale read, or by a dispatcher whose lease
 * ran out, changes nothing. So a SENT message never goes back to QUEUED.
 *
 * @param expectedToken the dispatch token the message must carry, or null for any
 * @param heldBy the channel status that holds (or held) it, or null
 * @param errorCode set when given; an earlier code is kept otherwise
 * @param providerMessageId set when given; kept otherwise
 * @param dispatchToken the token the message carries afterwards (a dispatch's), or null
 * @param attempt whether it counts an attempt at the provider, and one that failed (the retry budget)
 */
public record Transition(
        String messageId,
        MessageState expected,
        String expectedToken,
        MessageState next,
        String reason,
        ChannelStatus heldBy,
        String errorCode,
        String providerMessageId,
        String dispatchToken,
        Attempt attempt,
        FirstContact firstContact) {

    /**
     * What the change counts: no attempt; an attempt the provider answered (sent, refused, rate-limited, asked for
     * authorization); or one that failed (an error or no answer), which alone uses up the retry budget.
     */
    public enum Attempt {
        NONE,
        ANSWERED,
        FAILED
    }

    /** Column sizes of {@code outbound_message}: a provider's words are cut to fit, never trusted to. */
    static final int MAX_REASON = 500;

    static final int MAX_ERROR_CODE = 40;
    static final int MAX_PROVIDER_MESSAGE_ID = 100;

    public Transition {
        reason = Texts.fit(reason, MAX_REASON);
        errorCode = Texts.fit(errorCode, MAX_ERROR_CODE);
        providerMessageId = Texts.cut(providerMessageId, MAX_PROVIDER_MESSAGE_ID);
    }

    public static Transition of(StoredMessage message, MessageState next, String reason) {
        return new Transition(
                message.id(), message.state(), null, next, reason, null, null, null, null, Attempt.NONE, null);
    }

    public Transition heldBy(ChannelStatus status) {
        return new Transition(
                messageId,
                expected,
                expectedToken,
                next,
                reason,
                status,
                errorCode,
                providerMessageId,
                dispatchToken,
                attempt,
                firstContact);
    }

    public Transition errorCode(String code) {
        return new Transition(
                messageId,
                expected,
                expectedToken,
                next,
                reason,
                heldBy,
                code,
                providerMessageId,
                dispatchToken,
                attempt,
                firstContact);
    }

    public Transition providerMessageId(String id) {
        return new Transition(
                messageId,
                expected,
                expectedToken,
                next,
                reason,
                heldBy,
                errorCode,
                id,
                dispatchToken,
                attempt,
                firstContact);
    }

    public Transition dispatching(String token) {
        return new Transition(
                messageId,
                expected,
                expectedToken,
                next,
                reason,
                heldBy,
                errorCode,
                providerMessageId,
                token,
                attempt,
                firstContact);
    }

    /** Only while the message still carries this dispatch's token. */
    public Transition ofDispatch(String token) {
        return new Transition(
                messageId,
                expected,
                token,
                next,
                reason,
                heldBy,
                errorCode,
                providerMessageId,
                dispatchToken,
                attempt,
                firstContact);
    }

    public Transition countingAttempt() {
        return new Transition(
                messageId,
                expected,
                expectedToken,
                next,
                reason,
                heldBy,
                errorCode,
                providerMessageId,
                dispatchToken,
                Attempt.ANSWERED,
                firstContact);
    }

    /** An attempt that failed: it counts against the retry budget. */
    public Transition countingFailure() {
        return new Transition(
                messageId,
                expected,
                expectedToken,
                next,
                reason,
                heldBy,
                errorCode,
                providerMessageId,
                dispatchToken,
                Attempt.FAILED,
                firstContact);
    }

    public Transition firstContact(FirstContact contact) {
        return new Transition(
                messageId,
                expected,
                expectedToken,
                next,
                reason,
                heldBy,
                errorCode,
                providerMessageId,
                dispatchToken,
                attempt,
                contact);
    }
}
