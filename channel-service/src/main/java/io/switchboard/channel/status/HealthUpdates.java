package io.switchboard.channel.status;

import io.switchboard.channel.store.Channel;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.contracts.provider.ProviderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Moves a channel's connection status on provider health, from a webhook or from a health check, never backwards in
 * provider time.
 */
@ApplicationScoped
public class HealthUpdates {

    private static final Logger LOG = Logger.getLogger(HealthUpdates.class);

    private final ChannelChanges changes;

    public HealthUpdates(ChannelChanges changes) {
        this.changes = changes;
    }

    /** A health event, applied to its channel (locked by the caller, not deleted). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyHealth(Channel channel, ProviderEvent event) {
        if (channel.providerChannelId == null) {
            channel.providerChannelId = event.providerChannelId();
        }
        applyHealth(
                channel,
                event.health(),
                StatusCause.PROVIDER_EVENT,
                "provider health " + event.health().text());
    }

    /**
     * The health the provider answered when asked (channel locked, not deleted): applied as a webhook with the same
     * session and uptime would be, so an answer overtaken by a newer webhook changes nothing. Returns whether it was
     * applied.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyCheckedHealth(Channel channel, ProviderEvent.Health health, String detail) {
        return applyHealth(channel, health, StatusCause.WATCHDOG, detail);
    }

    private boolean applyHealth(Channel channel, ProviderEvent.Health health, StatusCause cause, String detail) {
        ChannelStatus next =
                ProviderStatusMapping.connectionStatus(health.text()).orElse(null);
        if (next == null) {
            LOG.warnf("Channel %s: unknown provider health status '%s' ignored", channel.id, health.text());
            return false;
        }
        if (isOlder(health, channel.healthStartedAt, channel.healthUptime)) {
            LOG.debugf(
                    "Channel %s: health %s (uptime %d) is older than the last applied; ignored",
                    channel.id, health.text(), health.uptime());
            return false;
        }
        channel.healthStartedAt = health.startAt();
        channel.healthUptime = health.uptime();
        if (next == ChannelStatus.ACTIVE) {
            channel.phoneOnlineAt = null;
            channel.qrImage = null; // scanned: the code is spent
            channel.qrExpiresAt = null;
        }
        changes.moveConnection(channel, next, cause, detail);
        return true;
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
