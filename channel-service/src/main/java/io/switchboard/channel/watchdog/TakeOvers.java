package io.switchboard.channel.watchdog;

import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ChannelTimers;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * "Opened somewhere else" (docs/product/channel-statuses.md): the service presses "Enable here" itself, a few times
 * with back-off, showing STARTING meanwhile; when every attempt failed the channel is OPENED_ELSEWHERE and a person
 * presses it again. Each attempt is a timer: decided with the channel locked, the provider called after the commit, the
 * answer applied in a new transaction. A provider that does not answer costs no attempt: the call is retried with
 * back-off.
 */
@ApplicationScoped
public class TakeOvers implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(TakeOvers.class);

    private final ChannelChanges changes;
    private final ChannelTimers timers;
    private final ProviderSessions provider;
    private final WatchdogSettings settings;

    public TakeOvers(
            ChannelChanges changes, ChannelTimers timers, ProviderSessions provider, WatchdogSettings settings) {
        this.changes = changes;
        this.timers = timers;
        this.provider = provider;
        this.settings = settings;
    }

    /** Starts a round of attempts; the first goes at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void start(Channel channel, String why, StatusCause cause) {
        changes.moveConnection(
                channel,
                ChannelStatus.STARTING,
                cause,
                why + ": taking the number back (" + settings.takeoverAttempts() + " attempts)");
        timers.schedule(channel.id, TimerKind.TAKEOVER, Instant.now(), 1);
    }

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.TAKEOVER);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        if (!stillTakingOver(channel)) {
            return Optional.empty(); // the provider reported something else meanwhile: the conflict is over
        }
        String session = channel.providerChannelId;
        return Optional.of(ProviderCall.of("takeover", () -> provider.takeOver(session)));
    }

    @Override
    public void answered(Channel channel, ChannelTimer timer, ProviderCall.Answer answer) {
        if (!stillTakingOver(channel)) {
            return;
        }
        int attempt = timer.attempt;
        if (answer.done()) {
            LOG.infof("Channel %s: take-over attempt %d succeeded; waiting for AUTH", channel.id, attempt);
            return;
        }
        if (attempt < settings.takeoverAttempts()) {
            Instant next = Instant.now().plus(settings.takeoverBackoff().multipliedBy(1L << (attempt - 1)));
            timers.schedule(channel.id, TimerKind.TAKEOVER, next, attempt + 1);
            return;
        }
        changes.moveConnection(
                channel,
                ChannelStatus.OPENED_ELSEWHERE,
                StatusCause.WATCHDOG,
                "automatic take-over failed after " + attempt + " attempts: press Enable here, or log out from all "
                        + "devices on the phone and scan the QR code again");
    }

    private static boolean stillTakingOver(Channel channel) {
        return channel.connectionStatus == ChannelStatus.STARTING && channel.providerChannelId != null;
    }
}
