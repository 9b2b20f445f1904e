package io.switchboard.channel.status;

import io.switchboard.channel.registry.ChannelRepository;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.contracts.provider.ProviderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** Moves a channel's connection status on provider health, never backwards in provider time. */
@ApplicationScoped
public class ConnectionUpdates {

    private static final Logger LOG = Logger.getLogger(ConnectionUpdates.class);

    private final ChannelRepository channels;
    private final ChannelChanges changes;

    public ConnectionUpdates(ChannelRepository channels, ChannelChanges changes) {
        this.channels = channels;
        this.changes = changes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyHealth(ProviderEvent event) {
        ProviderEvent.Health health = event.health();
        ChannelStatus next = ProviderStatusMapping.connectionStatus(health.text()).orElse(null);
        if (next == null) {
            LOG.warnf("Channel %s: unknown provider health status '%s' ignored", event.channelId(), health.text());
            return;
        }
        channels.lockedById(event.channelId()).ifPresent(channel -> {
            if (isOlder(health, channel.healthStartedAt, channel.healthUptime)) {
                LOG.debugf("Channel %s: health %s (uptime %d) is older than the last applied; ignored", channel.id,
                        health.text(), health.uptime());
                return;
            }
            channel.healthStartedAt = health.startAt();
            channel.healthUptime = health.uptime();
            if (channel.providerChannelId == null) {
                channel.providerChannelId = event.providerChannelId();
            }
            if (channel.connectionStatus == next) {
                return;
            }
            ChannelStatus previous = channel.effectiveStatus();
            channel.connectionStatus = next;
            changes.record(channel, previous, StatusCause.PROVIDER_EVENT, "provider health " + health.text());
        });
    }

    /** Same session and less uptime, or an earlier session: the event was overtaken. */
    static boolean isOlder(ProviderEvent.Health health, Long lastStartedAt, Long lastUptime) {
        if (lastStartedAt == null) {
            return false;
        }
        if (health.startAt() != lastStartedAt) {
            return health.startAt() < lastStartedAt;
        }
        return health.uptime() < lastUptime;
    }
}
