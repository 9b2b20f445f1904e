package io.switchboard.queue.message;

import io.switchboard.platform.retention.RetentionRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/** Messages that have ended are kept 30 days ({@code switchboard.retention.keep.messages}), then deleted. */
@ApplicationScoped
class MessageRetention {

    /** Every state but the pending ones (QUEUED, FROZEN, DISPATCHING), by the time of the last change. */
    @Produces
    RetentionRule endedMessages() {
        return new RetentionRule("messages", "outbound_message", "updated_at",
                "t.state NOT IN ('QUEUED', 'FROZEN', 'DISPATCHING')", Duration.ofDays(30));
    }
}
