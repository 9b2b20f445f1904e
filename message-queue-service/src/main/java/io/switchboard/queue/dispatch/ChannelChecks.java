package io.switchboard.queue.dispatch;

import io.switchboard.contracts.Streams;
import io.switchboard.contracts.channel.ChannelCheckReason;
import io.switchboard.contracts.channel.ChannelCheckRequested;
import io.switchboard.platform.outbox.Outbox;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.metrics.QueueMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Tells channel-service what the dispatcher saw of a channel. It asks it to look at a channel whose sends the provider keeps refusing with 401 while it is ACTIVE: a
 * reconnect would have moved it out of ACTIVE, so a health webhook was probably lost. The request is an outbox event
 * written with the lane locked, in the transaction that counted the last 401.
 */
@ApplicationScoped
class ChannelChecks {

    private static final Logger LOG = Logger.getLogger(ChannelChecks.class);

    private final Outbox outbox;
    private final QueueMetrics metrics;
    private final Clock clock;

    ChannelChecks(Outbox outbox, QueueMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A Cloud API number's messaging limit is near (less than a fifth left) or reached (new conversations wait):
     * channel-service announces it to curators and integrators. Written in the claim's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void messagingLimit(ChannelLane lane, boolean reached, int used, int limit) {
        String detail = reached
                ? "the number began conversations with " + used + " clients in 24 hours, its messaging limit of "
                        + limit + ": messages that would begin another wait until the oldest is 24 hours old"
                : "the number began conversations with " + used + " clients in 24 hours, of its messaging limit of "
                        + limit + " (" + (limit - used) + " left)";
        request(
                lane,
                reached ? ChannelCheckReason.MESSAGING_LIMIT_REACHED : ChannelCheckReason.MESSAGING_LIMIT_NEAR,
                used,
                detail);
        LOG.infof("Channel %s (account %s): %s", lane.channelId(), lane.accountId(), detail);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void sendsUnauthorized(ChannelLane lane, int refusals) {
        String detail = "the provider answered 401 \"need channel authorization\" to " + refusals
                + " sends in a row while the channel was " + lane.status();
        request(lane, ChannelCheckReason.SENDS_UNAUTHORIZED, refusals, detail);
        metrics.unauthorizedAlert();
        LOG.warnf(
                "Channel %s (account %s): %s; channel-service is asked to check it with the provider",
                lane.channelId(), lane.accountId(), detail);
    }

    /** One request on the outbox, in the caller's transaction. */
    private void request(ChannelLane lane, ChannelCheckReason reason, int observations, String detail) {
        outbox.publish(
                Streams.CHANNEL_CHECK_REQUESTS,
                new ChannelCheckRequested(
                        UUID.randomUUID().toString(),
                        lane.channelId(),
                        lane.accountId(),
                        reason,
                        lane.status(),
                        observations,
                        detail,
                        clock.instant()));
    }
}
