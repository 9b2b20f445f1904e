package io.switchboard.queue.message;

import io.switchboard.platform.retention.RetentionRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * Messages that have ended are kept 30 days ({@code switchboard.retention.keep.messages}), then deleted; so are
 * "no WhatsApp" answers of the contact check a week after they were given
 * ({@code switchboard.retention.keep.no-whatsapp-contacts}): past {@code no-whatsapp-recheck-after} the chat is
 * checked again anyway. A "has WhatsApp" answer is kept: it is what makes a chat's next message no first contact. When a
 * client last wrote to a channel is kept 2 days ({@code service-windows}): its 24-hour service window closed long
 * before. When a Cloud API chat may be sent to next ({@code chat-paces}) is deleted a day after: the pair rate's gap is
 * seconds; a conversation a Cloud API number began ({@code business-conversations}) two days after: it counts 24 hours.
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

    /** When a client last wrote: the 24-hour service window it opened has long closed after two days. */
    @Produces
    RetentionRule serviceWindows() {
        return new RetentionRule("service-windows", "client_window", "last_inbound_at", "true", Duration.ofDays(2));
    }

    /** A conversation a Cloud API number began counts against its messaging limit for 24 hours. */
    @Produces
    RetentionRule businessConversations() {
        return new RetentionRule(
                "business-conversations", "business_conversation", "opened_at", "true", Duration.ofDays(2));
    }

    @Produces
    RetentionRule chatPaces() {
        return new RetentionRule("chat-paces", "chat_pace", "next_send_at", "true", Duration.ofDays(1));
    }

    @Produces
    RetentionRule noWhatsAppContacts() {
        return new RetentionRule(
                "no-whatsapp-contacts", "chat_contact", "checked_at", "NOT t.has_whatsapp", Duration.ofDays(7));
    }
}
