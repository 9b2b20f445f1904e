package io.switchboard.channel.watchdog;

import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.registry.Channel;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Seed 000, "Opened somewhere else": the service presses "Enable here" itself, a few times with back-off, showing
 * STARTING meanwhile; when every attempt failed the channel is OPENED_ELSEWHERE and a person presses it again.
 */
@ApplicationScoped
public class TakeOvers {

    private static final Logger LOG = Logger.getLogger(TakeOvers.class);

    private final ChannelChanges changes;
    private final ChannelTimers timers;
    private final ProviderSessions provider;
    private final WatchdogSettings settings;

    public TakeOvers(ChannelChanges changes, ChannelTimers timers, ProviderSessions provider, WatchdogSettings settings) {
        this.changes = changes;
        this.timers = timers;
        this.provider = provider;
        this.settings = settings;
    }

    /** Starts a round of attempts; the first goes at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void start(Channel channel, String why, StatusCause cause) {
        changes.moveConnection(channel, ChannelStatus.STARTING, cause,
                why + ": taking the number back (" + settings.takeoverAttempts() + " attempts)");
        timers.schedule(channel.id, TimerKind.TAKEOVER, Instant.now(), 1);
    }

    /** One attempt, fired by its timer: on failure the next is scheduled, after the last the channel gives up. */
    @Transactional(Transactional.TxType.MANDATORY)
    void attempt(Channel channel, int attempt) {
        if (channel.connectionStatus != ChannelStatus.STARTING || channel.providerChannelId == null) {
            return; // the provider reported something else meanwhile: the conflict is over
        }
        if (provider.takeOver(channel.providerChannelId)) {
            LOG.infof("Channel %s: take-over attempt %d succeeded; waiting for AUTH", channel.id, attempt);
            return;
        }
        if (attempt < settings.takeoverAttempts()) {
            Instant next = Instant.now().plus(settings.takeoverBackoff().multipliedBy(1L << (attempt - 1)));
            timers.schedule(channel.id, TimerKind.TAKEOVER, next, attempt + 1);
            return;
        }
        changes.moveConnection(channel, ChannelStatus.OPENED_ELSEWHERE, StatusCause.WATCHDOG,
                "automatic take-over failed after " + attempt + " attempts: press Enable here, or log out from all "
                        + "devices on the phone and scan the QR code again");
    }
}
