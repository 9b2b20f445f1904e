package io.switchboard.queue.message;

import io.switchboard.platform.retention.RetentionRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * Messages that have ended are kept 30 days ({@code switchboard.retention.keep.messages}), then deleted; so are
 * "no WhatsApp" answers of the contact check a week after they were given
 * ({@code switchboard.retention.keep.no-whatsapp-contacts}): past {@code no-whatsapp-recheck-after} the chat is
 * checked again anyway. A "has WhatsApp" answer is kept: it is what makes a chat's next message no first contact.
 */
@ApplicationScoped
class MessageRetention {

    /** Every state but the pending ones (QUEUED, FROZEN, DISPATCHING), by the time of the last change. */
    @Produces
    RetentionRule endedMessages() {
        return new RetentionRule(
                "messages",
                "outbound_message",
                "updated_at",
                "t.state NOT IN ('QUEUED', 'FROZEN', 'DISPATCHING')",
                Duration.ofDays(30));
    }

    @Produces
    RetentionRule noWhatsAppContacts() {
        return new RetentionRule(
                "no-whatsapp-contacts", "chat_contact", "checked_at", "NOT t.has_whatsapp", Duration.ofDays(7));
    }
}
