package io.switchboard.channel.status;

import io.switchboard.channel.registry.Channel;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.channel.watchdog.TakeOvers;
import io.switchboard.channel.watchdog.Watchdog;
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

    private final ChannelChanges changes;
    private final TakeOvers takeOvers;
    private final Watchdog watchdog;

    public ConnectionUpdates(ChannelChanges changes, TakeOvers takeOvers, Watchdog watchdog) {
        this.changes = changes;
        this.takeOvers = takeOvers;
        this.watchdog = watchdog;
    }

    /** A health event, applied to its channel (locked by the caller, not deleted). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyHealth(Channel channel, ProviderEvent event) {
        if (channel.providerChannelId == null) {
            channel.providerChannelId = event.providerChannelId();
        }
        applyHealth(channel, event.health(), StatusCause.PROVIDER_EVENT, "provider health " + event.health().text());
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
        ChannelStatus next = ProviderStatusMapping.connectionStatus(health.text()).orElse(null);
        if (next == null) {
            LOG.warnf("Channel %s: unknown provider health status '%s' ignored", channel.id, health.text());
            return false;
        }
        if (isOlder(health, channel.healthStartedAt, channel.healthUptime)) {
            LOG.debugf("Channel %s: health %s (uptime %d) is older than the last applied; ignored", channel.id,
                    health.text(), health.uptime());
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

    /** Session, QR, phone and conflict events: what each means for the connection (channel locked, not deleted). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Channel channel, ProviderEvent event) {
        switch (event.type()) {
            case SESSION_CONNECTED -> {
                channel.whatsappUserId = event.user().id();
                channel.whatsappUserName = event.user().name();
                changes.record(channel, channel.effectiveStatus(), StatusCause.PROVIDER_EVENT,
                        "WhatsApp account " + event.user().id() + " connected");
            }
            case SESSION_DISCONNECTED -> {
                channel.whatsappUserId = null;
                channel.whatsappUserName = null;
                move(channel, ChannelStatus.QR_REQUIRED, "logged out from the phone: scan the QR code again");
            }
            case QR -> {
                channel.qrImage = event.qr().imageBase64();
                channel.qrExpiresAt = event.qr().expiresAt();
                watchdog.qrIssued(channel);
                if (!event.qr().expiresAt().isAfter(event.receivedAt())
                        && channel.connectionStatus == ChannelStatus.QR_REQUIRED) {
                    changes.announce(channel, StatusCause.PROVIDER_EVENT, ChannelAlert.QR_EXPIRED, "QR expired: scan the new QR code");
                }
            }
            case PHONE_OFFLINE -> move(channel, ChannelStatus.PHONE_UNAVAILABLE,
                    "the phone is off or offline: check the phone");
            case PHONE_ONLINE -> watchdog.phoneOnline(channel, event.receivedAt());
            case CONFLICT -> takeOvers.start(channel, "the number was opened in WhatsApp Web elsewhere",
                    StatusCause.PROVIDER_EVENT);
            case NUMBER_DISCONNECTED -> {
                if (channel.kind == ChannelKind.CLOUD_API) {
                    move(channel, ChannelStatus.VERIFICATION_REQUIRED,
                            "the Cloud API reports the number disconnected: verify it with a code by SMS or voice");
                } else {
                    LOG.warnf("Channel %s: 'disconnected' is for Cloud API numbers; a WhatsApp Web channel "
                            + "reports its session by health; ignored", channel.id);
                }
            }
            default -> {
            }
        }
    }

    private void move(Channel channel, ChannelStatus next, String detail) {
        changes.moveConnection(channel, next, StatusCause.PROVIDER_EVENT, detail);
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
