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
 * Asks channel-service to look at a channel whose sends the provider keeps refusing with 401 while it is ACTIVE: a
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

    @Transactional(Transactional.TxType.MANDATORY)
    void sendsUnauthorized(ChannelLane lane, int refusals) {
        String detail = "the provider answered 401 \"need channel authorization\" to " + refusals
                + " sends in a row while the channel was " + lane.status();
        outbox.publish(
                Streams.CHANNEL_CHECK_REQUESTS,
                new ChannelCheckRequested(
                        UUID.randomUUID().toString(),
                        lane.channelId(),
                        lane.accountId(),
                        ChannelCheckReason.SENDS_UNAUTHORIZED,
                        lane.status(),
                        refusals,
                        detail,
                        clock.instant()));
        metrics.unauthorizedAlert();
        LOG.warnf(
                "Channel %s (account %s): %s; channel-service is asked to check it with the provider",
                lane.channelId(), lane.accountId(), detail);
    }
}
