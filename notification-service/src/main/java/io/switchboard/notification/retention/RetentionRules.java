package io.switchboard.notification.retention;

import io.switchboard.platform.retention.RetentionRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * What notification-service deletes once it is old enough ({@code switchboard.retention.keep.<name>}); nothing that
 * is still in use: a delivery still being tried, a chat watch with a timer, a channel's newest observed status.
 */
@ApplicationScoped
class RetentionRules {

    /** Delivered or dead deliveries (a dead one can be replayed until then), 30 days after they ended. */
    @Produces
    RetentionRule deliveries() {
        return new RetentionRule(
                "deliveries", "delivery", "finished_at", "t.state IN ('DELIVERED', 'DEAD')", Duration.ofDays(30));
    }

    /** System messages written in chats, 90 days after they were written. */
    @Produces
    RetentionRule systemMessages() {
        return new RetentionRule("system-messages", "system_message", "occurred_at", null, Duration.ofDays(90));
    }

    /** A channel's observed statuses but its newest, 90 days after they arrived. */
    @Produces
    RetentionRule observedStatuses() {
        return new RetentionRule(
                "observed-statuses",
                "observed_channel_status",
                "received_at",
                "t.version < (SELECT max(o.version) FROM observed_channel_status o WHERE o.channel_id = t.channel_id)",
                Duration.ofDays(90));
    }

    /** Chat watches with no timer, 90 days after their chat's last outbound message. */
    @Produces
    RetentionRule chatWatches() {
        return new RetentionRule("chat-watches", "chat_watch", "last_sent_at", "t.due_at IS NULL", Duration.ofDays(90));
    }
}
