package io.switchboard.channel.connection;

import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.watchdog.TakeOvers;
import io.switchboard.channel.watchdog.Watchdog;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.contracts.provider.ProviderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** What a session, QR, phone, conflict or number event means for a channel's connection. */
@ApplicationScoped
class SessionEvents {

    private static final Logger LOG = Logger.getLogger(SessionEvents.class);

    private final ChannelChanges changes;
    private final TakeOvers takeOvers;
    private final Watchdog watchdog;

    SessionEvents(ChannelChanges changes, TakeOvers takeOvers, Watchdog watchdog) {
        this.changes = changes;
        this.takeOvers = takeOvers;
        this.watchdog = watchdog;
    }

    /** Applies the event to its channel (locked by the caller, not deleted). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Channel channel, ProviderEvent event) {
        switch (event.type()) {
            case SESSION_CONNECTED -> {
                channel.whatsappUserId = event.user().id();
                channel.whatsappUserName = event.user().name();
                changes.record(
                        channel,
                        channel.effectiveStatus(),
                        StatusCause.PROVIDER_EVENT,
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
                    changes.announce(
                            channel,
                            StatusCause.PROVIDER_EVENT,
                            ChannelAlert.QR_EXPIRED,
                            "QR expired: scan the new QR code");
                }
            }
            case PHONE_OFFLINE ->
                move(channel, ChannelStatus.PHONE_UNAVAILABLE, "the phone is off or offline: check the phone");
            case PHONE_ONLINE -> watchdog.phoneOnline(channel, event.receivedAt());
            case CONFLICT ->
                takeOvers.start(channel, "the number was opened in WhatsApp Web elsewhere", StatusCause.PROVIDER_EVENT);
            case NUMBER_DISCONNECTED -> {
                if (channel.kind == ChannelKind.CLOUD_API) {
                    move(
                            channel,
                            ChannelStatus.VERIFICATION_REQUIRED,
                            "the Cloud API reports the number disconnected: verify it with a code by SMS or voice");
                } else {
                    LOG.warnf(
                            "Channel %s: 'disconnected' is for Cloud API numbers; a WhatsApp Web channel "
                                    + "reports its session by health; ignored",
                            channel.id);
                }
            }
            default -> {}
        }
    }

    private void move(Channel channel, ChannelStatus next, String detail) {
        changes.moveConnection(channel, next, StatusCause.PROVIDER_EVENT, detail);
    }
}
