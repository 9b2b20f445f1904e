package io.switchboard.queue.dispatch;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * What a run in flight asks the database before a provider call: is the lane still leased to it, and can the channel
 * still send? If so, the lease is moved on, so that a run never outlives it; if not, the run ends. So a stop or a
 * deletion made through any replica reaches a run in flight on any other.
 */
@ApplicationScoped
class LaneHolds {

    private final Jdbc jdbc;

    LaneHolds(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the lane leased to the run's token until {@code until}; false if it is not the run's or cannot send. */
    boolean hold(String channelId, String token, Instant until) {
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        jdbc.update("""
                UPDATE channel_lane SET lease_until = ?
                WHERE channel_id = ? AND lease_token = ? AND send_policy = 'SEND' AND NOT held
                  AND status <> 'DELETED' AND provider_channel_id IS NOT NULL""", p -> p.instant(until).string(channelId).string(token)) == 1);
    }
}
