package io.switchboard.channel.watchdog;

import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.status.ChannelChanges;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The one automatic restart of a stuck channel's provider session: decided when the channel is found stuck, made
 * after that commit, retried with back-off while the provider does not answer, dropped when the channel leaves
 * STARTING by itself.
 */
@ApplicationScoped
class SessionRestarts implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(SessionRestarts.class);

    private final ProviderSessions provider;
    private final ChannelChanges changes;

    public SessionRestarts(ProviderSessions provider, ChannelChanges changes) {
        this.provider = provider;
        this.changes = changes;
    }

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.SESSION_RESTART);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        if (channel.connectionStatus != ChannelStatus.STARTING || channel.providerChannelId == null) {
            return Optional.empty();
        }
        String session = channel.providerChannelId;
        return Optional.of(ProviderCall.of("restart", () -> provider.restartSession(session)));
    }

    @Override
    public void answered(Channel channel, ChannelTimer timer, ProviderCall.Answer answer) {
        if (answer.done()) {
            LOG.infof("Channel %s: the stuck provider session was restarted", channel.id);
        } else if (channel.connectionStatus == ChannelStatus.STARTING) {
            changes.announce(
                    channel,
                    StatusCause.WATCHDOG,
                    ChannelAlert.STUCK,
                    "stuck: restarting the provider session failed (" + answer.detail() + "); contact support");
        }
    }
}
