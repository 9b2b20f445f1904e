package io.switchboard.channel.watchdog;

import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.store.Channels;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelCheckReason;
import io.switchboard.contracts.channel.ChannelCheckRequested;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.platform.events.PerEventConsumer;
import io.switchboard.platform.events.Received;
import io.switchboard.platform.events.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Check requests from {@code channel.check-requests.v1}: a channel that still looks ACTIVE here gets a health check,
 * a durable timer due now (so the provider is called after this commit, with no lock held, and again after a crash).
 * A channel that has moved on since the request was written needs none: what moved it is newer than what was seen.
 */
@ApplicationScoped
class ChannelCheckConsumer implements PerEventConsumer<ChannelCheckRequested> {

    private static final Logger LOG = Logger.getLogger(ChannelCheckConsumer.class);
    private static final Subscription<ChannelCheckRequested> SUBSCRIPTION =
            Subscription.of("channel-checks", Streams.CHANNEL_CHECK_REQUESTS);

    private final Channels channels;
    private final ChannelTimers timers;
    private final ChannelChanges changes;

    public ChannelCheckConsumer(Channels channels, ChannelTimers timers, ChannelChanges changes) {
        this.channels = channels;
        this.timers = timers;
        this.changes = changes;
    }

    @Override
    public Subscription<ChannelCheckRequested> subscription() {
        return SUBSCRIPTION;
    }

    @Override
    public void apply(Received<ChannelCheckRequested> received) {
        ChannelCheckRequested request = received.payload();
        Optional<Channel> locked = channels.lockedById(request.channelId());
        if (locked.isEmpty() || !locked.get().accountId.equals(request.accountId())) {
            LOG.warnf(
                    "Check request %s names channel %s of account %s, which is not here; ignored",
                    request.checkId(), request.channelId(), request.accountId());
            return;
        }
        Channel channel = locked.get();
        if (request.reason() != ChannelCheckReason.SENDS_UNAUTHORIZED) {
            messagingLimit(channel, request);
            return;
        }
        if (!needsCheck(channel)) {
            LOG.infof(
                    "Channel %s: check asked for (%s: %s), but it is %s now; nothing to check",
                    channel.id, request.reason(), request.detail(), channel.effectiveStatus());
            return;
        }
        LOG.infof("Channel %s: %s; asking the provider for the session's health", channel.id, request.detail());
        timers.schedule(channel.id, TimerKind.HEALTH_CHECK, Instant.now(), 0);
    }

    /** Not a check: the dispatcher's count of a Cloud API number's messaging limit, announced as it is. */
    private void messagingLimit(Channel channel, ChannelCheckRequested request) {
        if (channel.deleted || channel.kind != ChannelKind.CLOUD_API) {
            return;
        }
        changes.announce(
                channel,
                StatusCause.WATCHDOG,
                request.reason() == ChannelCheckReason.MESSAGING_LIMIT_REACHED
                        ? ChannelAlert.MESSAGING_LIMIT_REACHED
                        : ChannelAlert.MESSAGING_LIMIT_NEAR,
                request.detail());
    }

    /** A session at the provider that this service believes ACTIVE. */
    static boolean needsCheck(Channel channel) {
        return !channel.deleted
                && channel.kind == ChannelKind.WEB_SESSION
                && channel.providerChannelId != null
                && channel.connectionStatus == ChannelStatus.ACTIVE;
    }
}
