package io.switchboard.notification.chat;

import io.switchboard.contracts.chat.SystemMessageKind;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The system messages' rules for a chat's outbound messages (docs/product/system-messages.md), applied to
 * {@code message.status.v1} as it comes and to the chat's timers as they fall due. The rules follow the chat's last
 * sent message:
 *
 * <ul>
 * <li>the start of a chat the business began: initialised, or not possible (the contact check's answer);</li>
 * <li>not delivered ND minutes after it was sent; then delivered and read (read within 30 minutes of delivery) or
 * finally delivered (delivered, not read within 30 minutes);</li>
 * <li>not read NR hours after delivery; then all read when it is read;</li>
 * <li>status unknown, at most once per 24 hours in a chat.</li>
 * </ul>
 *
 * Everything happens on the chat's locked row, and each message is written once per dedupe key: a redelivered event,
 * a restart or a second replica writes nothing twice.
 */
@ApplicationScoped
class ChatRules {

    private final ChatWatches watches;
    private final SystemMessages messages;
    private final SystemMessagesByAccount accounts;
    private final SystemMessageSettings settings;

    public ChatRules(
            ChatWatches watches,
            SystemMessages messages,
            SystemMessagesByAccount accounts,
            SystemMessageSettings settings) {
        this.watches = watches;
        this.messages = messages;
        this.accounts = accounts;
        this.settings = settings;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(MessageStatusChanged event) {
        if (event.chatId() == null) {
            return;
        }
        AccountSystemMessages chosen = accounts.of(event.accountId());
        ChatWatch watch = watches.locked(event);
        Instant at = event.occurredAt();
        if (event.firstContact() != null && chosen.chatStart) {
            SystemMessageKind kind = event.firstContact() == FirstContact.WHATSAPP
                    ? SystemMessageKind.CHAT_INITIALISED
                    : SystemMessageKind.CHAT_NOT_POSSIBLE;
            // once per chat and answer: a later re-check of the same number says nothing new
            messages.write(watch.chat(), kind, null, null, at, watch.chatKey + ":" + kind);
        }
        // a deadline the event comes after was passed first, though its timer had not fired yet (a lagging
        // consumer, a restart): its rule is applied as of the deadline, before the event
        fire(watch, at);
        // the chat's story is followed with the group off too, so that switching it on finds it as it is
        MessageState state = event.state();
        boolean last = event.messageId().equals(watch.lastMessageId);
        if (state == MessageState.SENT && !last) {
            sent(watch, event, chosen);
        } else if (state == MessageState.DELIVERED && last && watch.lastState == MessageState.SENT) {
            delivered(watch, at, chosen.delivery);
        } else if (state == MessageState.READ && last && watch.lastState != MessageState.READ) {
            read(watch, at);
        } else if (state == MessageState.UNKNOWN) {
            if (chosen.delivery) {
                unknown(watch, event);
            }
            if (last) {
                ended(watch, state);
            }
        } else if (state == MessageState.FAILED && last) {
            ended(watch, state);
        }
        watch.updateDue();
    }

    /** Fires the timers due at {@code now}; returns how many chats were due. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int fireDue(Instant now, int limit) {
        List<ChatWatch> due = watches.claimDue(now, limit);
        for (ChatWatch watch : due) {
            fire(watch, now);
            watch.updateDue();
        }
        return due.size();
    }

    /** Fires one chat's deadlines, if it is due and free (a batch that failed goes chat by chat). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean fireOne(String chatKey, Instant now) {
        return watches.claimIfDue(chatKey, now)
                .map(watch -> {
                    fire(watch, now);
                    watch.updateDue();
                    return true;
                })
                .orElse(false);
    }

    /** Applies every deadline of the chat passed by {@code now}, each as of its own time. */
    private void fire(ChatWatch watch, Instant now) {
        Instant due = watch.notDeliveredDue;
        if (due != null && !due.isAfter(now)) {
            watch.notDeliveredDue = null;
            if (watch.lastState == MessageState.SENT) {
                watch.notDeliveredTold = write(watch, SystemMessageKind.NOT_DELIVERED, watch.notDeliveredMinutes, due);
            }
        }
        due = watch.readWindowDue;
        if (due != null && !due.isAfter(now)) {
            watch.readWindowDue = null;
            if (watch.notDeliveredTold && watch.lastState == MessageState.DELIVERED) {
                watch.notDeliveredTold = false;
                write(watch, SystemMessageKind.FINALLY_DELIVERED, null, due);
            }
        }
        due = watch.notReadDue;
        if (due != null && !due.isAfter(now)) {
            watch.notReadDue = null;
            if (watch.lastState == MessageState.DELIVERED) {
                watch.notReadTold = write(watch, SystemMessageKind.NOT_READ, watch.notReadHours, due);
            }
        }
    }

    /** A new last message: the timers of the one before are dropped ("all read" stays owed). */
    private void sent(ChatWatch watch, MessageStatusChanged event, AccountSystemMessages chosen) {
        watch.lastMessageId = event.messageId();
        watch.lastState = MessageState.SENT;
        watch.lastSentAt = event.occurredAt();
        watch.lastDeliveredAt = null;
        watch.notDeliveredMinutes = chosen.notDeliveredMinutes;
        watch.notReadHours = chosen.notReadHours;
        watch.notDeliveredTold = false;
        watch.readWindowDue = null;
        watch.notReadDue = null;
        watch.notDeliveredDue =
                chosen.delivery ? event.occurredAt().plus(Duration.ofMinutes(chosen.notDeliveredMinutes)) : null;
    }

    private void delivered(ChatWatch watch, Instant at, boolean on) {
        watch.lastState = MessageState.DELIVERED;
        watch.lastDeliveredAt = at;
        watch.notDeliveredDue = null;
        if (watch.notDeliveredTold) {
            watch.readWindowDue = at.plus(settings.readWindow());
        }
        watch.notReadDue = on ? at.plus(Duration.ofHours(watch.notReadHours)) : null;
    }

    /** Read, with or without a delivery before it (the Cloud API may skip "delivered"). */
    private void read(ChatWatch watch, Instant at) {
        if (watch.lastDeliveredAt == null) {
            watch.lastDeliveredAt = at;
        }
        watch.lastState = MessageState.READ;
        watch.notDeliveredDue = null;
        watch.notReadDue = null;
        watch.readWindowDue = null;
        if (watch.notDeliveredTold) {
            watch.notDeliveredTold = false;
            write(watch, SystemMessageKind.DELIVERED_AND_READ, null, at);
        }
        if (watch.notReadTold) {
            watch.notReadTold = false;
            write(watch, SystemMessageKind.ALL_READ, null, at);
        }
    }

    /** At most once per interval in a chat; the message that ended UNKNOWN is the outgoing one of that time. */
    private void unknown(ChatWatch watch, MessageStatusChanged event) {
        Instant at = event.occurredAt();
        if (watch.unknownToldAt == null || !at.isBefore(watch.unknownToldAt.plus(settings.unknownInterval()))) {
            watch.unknownToldAt = at;
            messages.write(
                    watch.chat(),
                    SystemMessageKind.STATUS_UNKNOWN,
                    null,
                    null,
                    at,
                    event.messageId() + ":" + SystemMessageKind.STATUS_UNKNOWN);
        }
    }

    /** No receipt will follow: nothing more waits on the last message. */
    private static void ended(ChatWatch watch, MessageState state) {
        watch.lastState = state;
        watch.notDeliveredDue = null;
        watch.readWindowDue = null;
        watch.notReadDue = null;
        watch.notDeliveredTold = false;
    }

    /**
     * Writes a message of the delivery group, unless the account has switched the group off meanwhile; true when it
     * is there (written now or before), so that its sequel is owed only then.
     */
    private boolean write(ChatWatch watch, SystemMessageKind kind, Object number, Instant at) {
        if (!accounts.of(watch.accountId).delivery) {
            return false;
        }
        messages.write(watch.chat(), kind, number, null, at, watch.lastMessageId + ":" + kind);
        return true;
    }
}
