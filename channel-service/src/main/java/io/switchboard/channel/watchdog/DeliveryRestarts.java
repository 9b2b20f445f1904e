package io.switchboard.channel.watchdog;

import io.switchboard.channel.provider.ProviderSessions;
import io.switchboard.channel.store.Channel;
import io.switchboard.channel.timer.ChannelTimer;
import io.switchboard.channel.timer.ProviderCall;
import io.switchboard.channel.timer.TimerHandler;
import io.switchboard.channel.timer.TimerKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The one automatic restart of a stalled channel's provider session, made after the commit that found it stalled,
 * retried with back-off while the provider does not answer, dropped when the stall ended meanwhile.
 */
@ApplicationScoped
class DeliveryRestarts implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(DeliveryRestarts.class);

    private final ProviderSessions provider;

    DeliveryRestarts(ProviderSessions provider) {
        this.provider = provider;
    }

    @Override
    public Set<TimerKind> kinds() {
        return Set.of(TimerKind.DELIVERY_RESTART);
    }

    @Override
    public Optional<ProviderCall> fire(Channel channel, ChannelTimer timer) {
        if (channel.deliveryStalledSince == null || channel.providerChannelId == null || channel.deleted) {
            return Optional.empty();
        }
        String session = channel.providerChannelId;
        return Optional.of(ProviderCall.of("restart", () -> provider.restartSession(session)));
    }

    @Override
    public void answered(Channel channel, ChannelTimer timer, ProviderCall.Answer answer) {
        if (answer.done()) {
            LOG.infof("Channel %s: the stalled provider session was restarted", channel.id);
        } else {
            LOG.warnf(
                    "Channel %s: restarting the stalled provider session failed (%s); curators were told to act",
                    channel.id, answer.detail());
        }
    }
}
